import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { RETENTION_EVERY_MS, RETENTION_JOB_RETENTION, RETENTION_RUN, RETENTION_SCHEDULER } from './retention.job';
import { RetentionProcessor } from './retention.processor';

@Injectable()
export class RetentionWorker extends SweepWorker {
  constructor(config: AppConfig, processor: RetentionProcessor, @InjectQueue(QueueName.Retention) queue: Queue) {
    const schedule = { scheduler: RETENTION_SCHEDULER, everyMs: RETENTION_EVERY_MS, job: RETENTION_RUN, opts: RETENTION_JOB_RETENTION };
    super(config, processor, queue, schedule, 'retention');
  }
}
