import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';

/** How often a worker checks that Redis still holds its sweep's scheduler: one cheap read. */
export const FLUSH_CHECK_MS = 5_000;

/** How a feature names itself in the log: its logger context and what its queue holds ("the notify queue"). */
export interface RebuildingWorkerWords {
  context: string;
  holding: string;
}

/**
 * Runs a feature's worker where workers run (the server by default, or `hallwatch worker`) for
 * a queue whose jobs PostgreSQL can plan again: at start it rebuilds them, then watches for Redis
 * having lost them (FLUSHALL, a restart without persistence) and rebuilds again.
 */
export abstract class RebuildingWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  protected constructor(
    private readonly config: AppConfig,
    // The processor, whose worker exists only once the queue module has started it.
    private readonly processor: { worker: Worker },
    private readonly producer: { sweepExists(): Promise<boolean> },
    private readonly sync: { rebuild(): Promise<unknown> },
    private readonly words: RebuildingWorkerWords,
  ) {
    this.logger = new Logger(words.context);
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`${this.words.context} worker stopped: ${err.message}`));
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
      this.logger.warn(`could not rebuild ${this.words.holding}: ${(err as Error).message}`);
    }
  }

  /** Test seam and timer body: rebuilds when the sweep's scheduler is gone from Redis. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.producer.sweepExists()) return false;
      this.logger.warn(`${this.words.holding} is missing from Redis; rebuilding it from PostgreSQL`);
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
