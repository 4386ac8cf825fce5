import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { DeliveryService } from '../delivery.service';
import { DeliverJobData, DELIVER_JOB, NOTIFY_SWEEP_JOB } from './notify-job';
import { NotifySync } from './notify-sync.service';

// Robots answer within a second or time out at ten: a few at once keep one slow channel from holding the rest.
const CONCURRENCY = 4;

/**
 * Delivers one message per job. A job for a delivery already sent or failed does nothing; one
 * that meets the channel's rate limit or another attempt under way waits (moved to delayed,
 * which costs no attempt); a failed send throws, so BullMQ retries it with backoff.
 */
@Processor(QueueName.Notify, { autorun: false, concurrency: CONCURRENCY })
export class NotifyProcessor extends LoggedWorkerHost {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly sync: NotifySync,
  ) {
    super('notify', { jobIds: true });
  }

  async process(job: Job, token?: string): Promise<unknown> {
    if (job.name === NOTIFY_SWEEP_JOB) return this.sync.sweep();
    if (job.name !== DELIVER_JOB) {
      this.logger.warn(`unknown job ${job.name} on the notify queue`);
      return null;
    }
    const { deliveryId } = (job as Job<DeliverJobData>).data;
    const claim = await this.deliveries.claim(deliveryId);
    if (claim.kind === 'done') return { skipped: claim.why };
    if (claim.kind === 'wait') {
      await job.moveToDelayed(Date.now() + claim.ms, token);
      throw new DelayedError();
    }
    const result = await this.deliveries.send(claim);
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const state = await this.deliveries.record(claim, result, final);
    if (state === 'sent') return { sent: claim.ids.length, status: result.status };
    // Only the status: the answer may quote what was sent, and the log is no place for it.
    const why = `channel answered ${result.status ?? 'nothing'}`;
    if (state === 'failed') throw new UnrecoverableError(why);
    throw new Error(why);
  }
}
