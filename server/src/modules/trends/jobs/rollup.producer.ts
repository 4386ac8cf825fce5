import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ROLLUP_FLUSH, ROLLUP_JOB_RETENTION, RollupFlushData, rollupFlushDelay, rollupFlushJobId } from './rollup-flush.job';

/** How the rollups are told to fold their marks; a process without the queue (the CLI) leaves them to the sweep. */
export interface RollupKicks {
  kick(): void;
  /** A flush no earlier than `at` (epoch ms). */
  kickAt(at: number): void;
}

/** Who queues the flushes: the queue's producer, or NO_ROLLUP_KICKS in a process without the queue. */
export const ROLLUP_KICKS = Symbol('ROLLUP_KICKS');

export const NO_ROLLUP_KICKS: RollupKicks = { kick: () => undefined, kickAt: () => undefined };

// A kick that fails (Redis down) is logged and dropped: the marks in PostgreSQL keep the work
// for the sweep.
@Injectable()
export class RollupProducer implements RollupKicks {
  private readonly logger = new Logger('rollups');

  constructor(@InjectQueue(QueueName.Rollups) private readonly queue: Queue) {}

  kick(): void {
    this.kickAt(Date.now());
  }

  kickAt(at: number): void {
    this.queue
      .add(ROLLUP_FLUSH, {} satisfies RollupFlushData, {
        jobId: rollupFlushJobId(at),
        delay: rollupFlushDelay(at) + Math.max(0, at - Date.now()),
        ...ROLLUP_JOB_RETENTION,
      })
      .catch((err: Error) => this.logger.warn(`could not queue ${ROLLUP_FLUSH}: ${err.message}`));
  }
}
