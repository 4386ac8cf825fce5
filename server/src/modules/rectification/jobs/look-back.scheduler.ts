import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_RETENTION, LOOK_BACK_EVERY_MS, LOOK_BACK_SCHEDULER, LOOK_BACK_SWEEP, LookBackSweepData } from './look-back.job';

// Upserting the scheduler is idempotent, so every instance may do it at boot: there is
// still one schedule, and one sweep per interval however many instances run.
@Injectable()
export class LookBackScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('rectification-look-back');

  constructor(@InjectQueue(QueueName.Rectification) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Not awaited: with Redis down the server still starts, and the schedule is set once it is back.
    this.queue
      .upsertJobScheduler(
        LOOK_BACK_SCHEDULER,
        { every: LOOK_BACK_EVERY_MS },
        { name: LOOK_BACK_SWEEP, data: {} satisfies LookBackSweepData, opts: JOB_RETENTION },
      )
      .catch((err: Error) => this.logger.warn(`could not schedule the look-back: ${err.message}`));
  }
}
