import { QueueName } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { AppConfig } from '../../server/src/core/config/app-config';
import { DomainEventBus } from '../../server/src/core/events/domain-event-bus';
import { Clock } from '../../server/src/core/time/clock';
import { DomainEvents } from '../../server/src/modules/domain-events/domain-events';
import { Site } from '../../server/src/modules/registry/site.entity';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import { WorkerModule } from '../../server/src/worker.module';
import { ev, makeSite } from '../support/factories';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness, waitFor } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// Trends own their rollups (docs/domain-events.md): they mark the site-days an ingest batch or a
// follow-up change touched, in that change's transaction, and their own queue folds the marks
// in. Nothing here flushes by hand: every figure below arrives through the real rollups queue.
describe('the rollups follow the domain events', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let site: Site;
  let day: string;
  let worker: INestApplicationContext | undefined;
  const total = (column: string) =>
    one<Record<string, number>>(
      t.ds,
      `SELECT COALESCE(sum(${column}), 0)::int AS n FROM review_daily_rollups WHERE level = 'site' AND site_id = $1 AND dim = 'total' AND day = $2`,
      [site.id, day],
    ).then((r) => r.n);
  const marks = (d: string) =>
    one<{ n: number }>(t.ds, `SELECT count(*)::int AS n FROM review_rollup_marks WHERE site_id = $1 AND day = $2`, [site.id, d]).then(
      (r) => r.n,
    );

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    site = await makeSite(t.ds, 'tre');
    h = await reviewsHarness(t, 'tre');
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('folds an ingest batch into the rollups through the rollups queue', async () => {
    await h.post([
      ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1', window: 'w1', realName: true }, new Date(), 'named'),
      ev('review.submitted', { rating: 2, channel: 'pad', department: 'd1', window: 'w2', realName: true }, new Date(), 'late'),
    ]);
    day = (await one<{ day: string }>(t.ds, `SELECT service_day::text AS day FROM reviews WHERE event_id = 'named'`)).day;
    expect(await waitFor('the bad reviews in the rollups', async () => (await total('bad')) === 2)).toBe(true);
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Rollups), { strict: false });
    expect((await queue.getJobCounts('completed')).completed).toBeGreaterThan(0);
    expect(await marks(day)).toBe(0);
  });

  it('counts a follow-up contact once the office records it', async () => {
    const c = await h.caseOf('named');
    expect(await total('callback_done')).toBe(0);
    expect((await h.admin('POST', `/sites/tre/follow-ups/${c.id}/contact`, { reached: true, note: '已致电' })).status).toBe(200);
    expect(await waitFor('the contact in the rollups', async () => (await total('callback_done')) === 1)).toBe(true);
  });

  it('keeps a mark only if the change that made it commits', async () => {
    const events = t.app.get<DomainEventBus<DomainEvents>>(DomainEventBus);
    await expect(
      t.ds.transaction(async (em) => {
        await events.emitInOrder('reviews.changing', { em, siteId: site.id, days: ['2020-01-01'] });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await marks('2020-01-01')).toBe(0);
    await t.ds.transaction((em) => events.emitInOrder('reviews.changing', { em, siteId: site.id, days: ['2020-01-02'] }));
    // Nothing was said after the commit, so no flush was queued: the mark waits for the next kick or the sweep.
    expect(await marks('2020-01-02')).toBe(1);
  });

  it('marks an escalation made in `hallwatch worker`, and the rollups fold it in', async () => {
    const c = await h.caseOf('late');
    const workerConfig = Object.assign(new AppConfig(), t.config, { RUN_WORKERS: false });
    const clock = new Clock(workerConfig);
    clock.setNow(new Date(new Date(c.contactDueAt).getTime() + 60_000));
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(workerConfig, clock), { logger: false });
    expect(await worker.get(FollowUpDeadlinesService).handle({ caseId: c.id, step: 'contact', phase: 'escalate' })).toBe('escalated');
    expect(await waitFor('the escalation in the rollups', async () => (await total('callback_due')) === 2)).toBe(true);
  });
});
