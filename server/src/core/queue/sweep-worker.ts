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
 * `hallwatch worker`), and sets the sweep's schedules (one queue may repeat several jobs).
 * Upserting a scheduler is idempotent: however many processes start, there is one job per interval.
 */
export abstract class SweepWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly schedules: readonly SweepSchedule[];
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  protected constructor(
    private readonly config: AppConfig,
    // The processor, whose worker exists only once the queue module has started it.
    private readonly processor: { worker: Worker },
    private readonly queue: Queue,
    schedule: SweepSchedule | readonly SweepSchedule[],
    private readonly label: string,
  ) {
    this.logger = new Logger(label);
    this.schedules = Array.isArray(schedule) ? schedule : [schedule as SweepSchedule];
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`${this.label} worker stopped: ${err.message}`));
    for (const schedule of this.schedules) this.upsert(schedule, 0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
  }

  // Not awaited: with Redis down the process still starts, and keeps trying until the schedule is set.
  private upsert(schedule: SweepSchedule, attempt: number): void {
    const { scheduler, everyMs, job, opts } = schedule;
    this.queue.upsertJobScheduler(scheduler, { every: everyMs }, { name: job, data: {}, opts }).catch((err: Error) => {
      if (this.stopped) return;
      if (attempt === 0) this.logger.warn(`could not schedule ${scheduler} yet: ${err.message}`);
      const retry = setTimeout(() => this.upsert(schedule, attempt + 1), RETRY_MS);
      retry.unref();
      this.retries.add(retry);
    });
  }
}
