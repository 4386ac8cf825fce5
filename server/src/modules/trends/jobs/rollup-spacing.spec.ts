import { Job } from 'bullmq';
import type { RollupService } from '../rollup.service';
import type { RollupProducer } from './rollup.producer';
import { RollupsProcessor } from './rollups.processor';
import { ROLLUP_FLUSH, ROLLUP_FLUSH_SPACING } from './rollup-flush.job';

describe('rollup flush spacing', () => {
  const job = { name: ROLLUP_FLUSH, data: {} } as Job;

  function setup(flushMs: number) {
    const flush = jest.fn(async () => {
      await new Promise((r) => setTimeout(r, flushMs));
      return { marks: 1, sites: 1, days: 1, more: false };
    });
    const kickAt = jest.fn();
    const processor = new RollupsProcessor({ flush } as unknown as RollupService, { kickAt } as unknown as RollupProducer);
    return { processor, flush, kickAt };
  }

  it('holds the next flush for a multiple of the last one’s duration and re-queues it for then', async () => {
    const { processor, flush, kickAt } = setup(40);
    const before = Date.now();
    await processor.process(job);
    const after = Date.now();
    const held = (await processor.process(job)) as { heldMs: number };
    expect(flush).toHaveBeenCalledTimes(1);
    expect(held.heldMs).toBeGreaterThanOrEqual(ROLLUP_FLUSH_SPACING * 30);
    const until = kickAt.mock.calls[0][0] as number;
    expect(until).toBeGreaterThanOrEqual(after + ROLLUP_FLUSH_SPACING * 39);
    expect(until).toBeLessThanOrEqual(Date.now() + ROLLUP_FLUSH_SPACING * (after - before) + 5);
  });

  it('flushes again once the hold of a quick flush has passed', async () => {
    const { processor, flush } = setup(0);
    const start = Date.now();
    await processor.process(job);
    const took = Date.now() - start;
    await new Promise((r) => setTimeout(r, ROLLUP_FLUSH_SPACING * took + 10));
    await processor.process(job);
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
