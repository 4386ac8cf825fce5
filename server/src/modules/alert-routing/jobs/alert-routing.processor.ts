import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { AlertSweepService } from '../alert-sweep.service';
import { DigestsService } from '../digests.service';
import { EscalationsService } from '../escalations.service';
import { ALERT_SWEEP, DIGEST_JOB, type DigestJobData } from './alert-routing.jobs';

// Started by AlertRoutingWorker, only in processes that run workers.
@Processor(QueueName.AlertRouting, { autorun: false })
export class AlertRoutingProcessor extends LoggedWorkerHost {
  constructor(
    private readonly sweep: AlertSweepService,
    private readonly escalations: EscalationsService,
    private readonly digests: DigestsService,
  ) {
    super('alert-routing');
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ALERT_SWEEP:
        return this.runSweep();
      case DIGEST_JOB:
        return { outcome: await this.digests.run(job.data as DigestJobData) };
      default:
        this.logger.warn(`unknown job ${job.name} on the alert-routing queue`);
        return null;
    }
  }

  /** Each part on its own: a failure of one leaves the others to run. */
  async runSweep(): Promise<Record<string, number | string>> {
    const out: Record<string, number | string> = {};
    const parts: Array<[string, () => Promise<number>]> = [
      ['judged', () => this.sweep.judgeSites()],
      ['released', () => this.sweep.releaseHeld()],
      ['escalated', () => this.escalations.sweep()],
      ['digests', () => this.digests.sweep()],
    ];
    for (const [name, run] of parts) {
      try {
        out[name] = await run();
      } catch (err) {
        out[name] = `failed: ${(err as Error).message}`;
        this.logger.warn(`alert sweep ${name}: ${(err as Error).message}`);
      }
    }
    return out;
  }
}
