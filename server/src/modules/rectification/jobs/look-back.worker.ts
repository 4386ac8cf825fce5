import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { JOB_RETENTION, LOOK_BACK_EVERY_MS, LOOK_BACK_SCHEDULER, LOOK_BACK_SWEEP, LookBackSweepData } from './look-back.job';
import { LookBackProcessor } from './look-back.processor';

const RETRY_MS = 30_000;

/**
 * Starts the look-back worker in processes that run workers (the server by default, or
 * `hallwatch worker`), and sets the sweep's schedule. Upserting the scheduler is
 * idempotent: however many processes start, there is one sweep per interval.
 */
@Injectable()
export class LookBackWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('rectification-look-back');
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: LookBackProcessor,
    @InjectQueue(QueueName.Rectification) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`look-back worker stopped: ${err.message}`));
    this.upsert(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  // Not awaited: with Redis down the process still starts, and keeps trying until the schedule is set.
  private upsert(attempt: number): void {
    this.queue
      .upsertJobScheduler(
        LOOK_BACK_SCHEDULER,
        { every: LOOK_BACK_EVERY_MS },
        { name: LOOK_BACK_SWEEP, data: {} satisfies LookBackSweepData, opts: JOB_RETENTION },
      )
      .catch((err: Error) => {
        if (this.stopped) return;
        if (attempt === 0) this.logger.warn(`could not schedule the look-back yet: ${err.message}`);
        this.retry = setTimeout(() => this.upsert(attempt + 1), RETRY_MS);
        this.retry.unref();
      });
  }
}
