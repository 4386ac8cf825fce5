import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { PatrolJobsProducer } from './patrol-jobs.producer';
import { PatrolSync } from './patrol-sync.service';
import { PatrolProcessor } from './patrol.processor';

/** How often a worker checks that Redis still holds the schedule: one cheap read. */
export const FLUSH_CHECK_MS = 5_000;

/**
 * Runs the patrol worker in processes that run workers (the server by default, or
 * `hallwatch worker`). At start it rebuilds the schedule from PostgreSQL; then it watches
 * for Redis having lost it (FLUSHALL, a restart without persistence) and rebuilds again.
 */
@Injectable()
export class PatrolWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('patrol');
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: PatrolProcessor,
    private readonly producer: PatrolJobsProducer,
    private readonly sync: PatrolSync,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`patrol worker stopped: ${err.message}`));
    // Not awaited: with Redis or PostgreSQL down the process still starts and the check retries.
    void this.rebuild();
    this.timer = setInterval(() => void this.check(), FLUSH_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async rebuild(): Promise<void> {
    try {
      await this.sync.rebuild();
    } catch (err) {
      this.logger.warn(`could not rebuild the patrol schedule: ${(err as Error).message}`);
    }
  }

  /** Test seam and timer body: rebuilds when the sweep's scheduler is gone from Redis. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.producer.sweepExists()) return false;
      this.logger.warn('the patrol schedule is missing from Redis; rebuilding it from PostgreSQL');
      await this.sync.rebuild();
      return true;
    } catch {
      // Redis unreachable: the next check tries again; its own logger has said so.
      return false;
    } finally {
      this.checking = false;
    }
  }
}
