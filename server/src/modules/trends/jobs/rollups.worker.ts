import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { ROLLUP_JOB_RETENTION, ROLLUP_SWEEP, ROLLUP_SWEEP_EVERY_MS, ROLLUP_SWEEP_SCHEDULER } from './rollup-flush.job';
import { RollupsProcessor } from './rollups.processor';

@Injectable()
export class RollupsWorker extends SweepWorker {
  constructor(config: AppConfig, processor: RollupsProcessor, @InjectQueue(QueueName.Rollups) queue: Queue) {
    const schedule = { scheduler: ROLLUP_SWEEP_SCHEDULER, everyMs: ROLLUP_SWEEP_EVERY_MS, job: ROLLUP_SWEEP, opts: ROLLUP_JOB_RETENTION };
    super(config, processor, queue, schedule, 'rollup');
  }
}
