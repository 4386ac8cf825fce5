import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';

const RETRY_MS = 30_000;

/** What a periodic sweep is: its scheduler id, interval, job name and job options. */
export interface SweepSchedule {
  scheduler: string;
  everyMs: number;
  job: string;
  opts: JobsOptions;
}

/**
 * Starts a sweep's worker in processes that run workers (the server by default, or
 * `hallwatch worker`), and sets the sweep's schedule. Upserting the scheduler is
 * idempotent: however many processes start, there is one sweep per interval.
 */
export abstract class SweepWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  protected constructor(
    private readonly config: AppConfig,
    // The processor, whose worker exists only once the queue module has started it.
    private readonly processor: { worker: Worker },
    private readonly queue: Queue,
    private readonly schedule: SweepSchedule,
    private readonly label: string,
  ) {
    this.logger = new Logger(label);
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`${this.label} worker stopped: ${err.message}`));
    this.upsert(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
  }

  // Not awaited: with Redis down the process still starts, and keeps trying until the schedule is set.
  private upsert(attempt: number): void {
    const { scheduler, everyMs, job, opts } = this.schedule;
    this.queue.upsertJobScheduler(scheduler, { every: everyMs }, { name: job, data: {}, opts }).catch((err: Error) => {
      if (this.stopped) return;
      if (attempt === 0) this.logger.warn(`could not schedule the ${this.label} sweep yet: ${err.message}`);
      this.retry = setTimeout(() => this.upsert(attempt + 1), RETRY_MS);
      this.retry.unref();
    });
  }
}
