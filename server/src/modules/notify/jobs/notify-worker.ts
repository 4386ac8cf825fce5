import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { NotifyProducer } from './notify-producer';
import { NotifySync } from './notify-sync.service';
import { NotifyProcessor } from './notify.processor';

/** How often a worker checks that Redis still holds the sweep's scheduler: one cheap read. */
export const NOTIFY_FLUSH_CHECK_MS = 5_000;

/**
 * Runs the notify worker where workers run (the server by default, or `hallwatch worker`): at
 * start it queues again every delivery PostgreSQL says is due, then watches for Redis having
 * lost its jobs (FLUSHALL, a restart without persistence) and does it again.
 */
@Injectable()
export class NotifyWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('notify');
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: NotifyProcessor,
    private readonly producer: NotifyProducer,
    private readonly sync: NotifySync,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.processor.worker.run().catch((err: Error) => this.logger.warn(`notify worker stopped: ${err.message}`));
    void this.rebuild();
    this.timer = setInterval(() => void this.check(), NOTIFY_FLUSH_CHECK_MS);
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
      this.logger.warn(`could not rebuild the notify queue: ${(err as Error).message}`);
    }
  }

  /** Test seam and timer body: rebuilds when the sweep's scheduler is gone from Redis. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      if (await this.producer.sweepExists()) return false;
      this.logger.warn('the notify queue is missing from Redis; rebuilding it from PostgreSQL');
      await this.sync.rebuild();
      return true;
    } catch {
      return false;
    } finally {
      this.checking = false;
    }
  }
}
