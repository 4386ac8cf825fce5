import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { RollupService } from '../rollup.service';
import { ROLLUP_FLUSH, ROLLUP_FLUSH_SPACING, ROLLUP_SWEEP } from './rollup-flush.job';
import { RollupProducer } from './rollup.producer';

// Started by RollupsWorker, only in processes that run workers.
@Processor(QueueName.Rollups, { autorun: false })
export class RollupsProcessor extends LoggedWorkerHost {
  /** No rollup flush in this worker before this instant (epoch ms); see ROLLUP_FLUSH_SPACING. */
  private heldUntil = 0;

  constructor(
    private readonly rollups: RollupService,
    private readonly producer: RollupProducer,
  ) {
    super('rollups');
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ROLLUP_FLUSH: {
        const started = Date.now();
        if (started < this.heldUntil) {
          this.producer.kickAt(this.heldUntil);
          return { heldMs: this.heldUntil - started };
        }
        const r = await this.rollups.flush();
        this.heldUntil = Date.now() + ROLLUP_FLUSH_SPACING * (Date.now() - started);
        if (r.more) this.producer.kickAt(this.heldUntil);
        return r;
      }
      case ROLLUP_SWEEP:
        return { marks: await this.rollups.flushAll() };
      default:
        this.logger.warn(`unknown job ${job.name} on the rollups queue`);
        return null;
    }
  }
}
