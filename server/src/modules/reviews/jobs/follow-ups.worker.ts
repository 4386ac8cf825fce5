import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { FollowUpsProcessor } from './follow-ups.processor';
import {
  FOLLOW_UP_SWEEP,
  FOLLOW_UP_SWEEP_EVERY_MS,
  FOLLOW_UP_SWEEP_SCHEDULER,
  FollowUpSweepData,
  JOB_RETENTION,
} from './follow-up-sweep.job';

const RETRY_MS = 30_000;

/**
 * Starts the follow-up worker in processes that run workers (the server by default, or
 * `hallwatch worker`), and sets the sweep's schedule. Upserting the scheduler is
 * idempotent: however many processes start, there is one sweep per interval.
 */
@Injectable()
export class FollowUpsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('follow-ups');
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: FollowUpsProcessor,
    @InjectQueue(QueueName.FollowUps) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`follow-up worker stopped: ${err.message}`));
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
        FOLLOW_UP_SWEEP_SCHEDULER,
        { every: FOLLOW_UP_SWEEP_EVERY_MS },
        { name: FOLLOW_UP_SWEEP, data: {} satisfies FollowUpSweepData, opts: JOB_RETENTION },
      )
      .catch((err: Error) => {
        if (this.stopped) return;
        if (attempt === 0) this.logger.warn(`could not schedule the follow-up sweep yet: ${err.message}`);
        this.retry = setTimeout(() => this.upsert(attempt + 1), RETRY_MS);
        this.retry.unref();
      });
  }
}
