import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import {
  DELIVER_JOB,
  DELIVER_JOB_OPTS,
  DeliverJobData,
  NOTIFY_SWEEP_EVERY_MS,
  NOTIFY_SWEEP_JOB,
  NOTIFY_SWEEP_SCHEDULER,
} from './notify-job';

/** Puts deliveries' jobs into Redis; the job id is the delivery id, so adding twice is one job. */
@Injectable()
export class NotifyProducer {
  private readonly logger = new Logger('notify');

  constructor(
    @InjectQueue(QueueName.Notify) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  /**
   * Ensures a job for a delivery PostgreSQL says is still to send. A job that finished while the
   * row still waits (it ran before the row was committed, or the row was put back) is replaced.
   */
  async ensure(deliveryId: string, delayMs = 0): Promise<'added' | 'kept'> {
    const state = await this.queue.getJobState(deliveryId);
    if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children')
      return 'kept';
    if (state === 'completed' || state === 'failed') await this.queue.remove(deliveryId);
    const data: DeliverJobData = { deliveryId };
    await this.queue.add(DELIVER_JOB, data, {
      jobId: deliveryId,
      delay: delayMs,
      ...DELIVER_JOB_OPTS,
      backoff: { type: 'exponential', delay: this.config.NOTIFY_RETRY_BASE_MS },
    });
    return 'added';
  }

  /** Not awaited by callers: a Redis outage must not fail the caller's commit; the sweep catches up. */
  ensureSoon(deliveryId: string): void {
    this.ensure(deliveryId).catch((err: Error) => this.logger.warn(`delivery ${deliveryId} not queued yet: ${err.message}`));
  }

  async ensureSweep(): Promise<void> {
    await this.queue.upsertJobScheduler(
      NOTIFY_SWEEP_SCHEDULER,
      { every: NOTIFY_SWEEP_EVERY_MS },
      { name: NOTIFY_SWEEP_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  /** False after Redis was emptied. */
  async sweepExists(): Promise<boolean> {
    return (await this.queue.getJobScheduler(NOTIFY_SWEEP_SCHEDULER)) !== undefined;
  }
}
