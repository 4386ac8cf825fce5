import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { JOB_RETENTION, MONTHLY_EVERY_MS, MONTHLY_SCHEDULER, MONTHLY_SWEEP } from './monthly-report.job';
import { MonthlyReportProcessor } from './monthly-report.processor';

@Injectable()
export class MonthlyReportWorker extends SweepWorker {
  constructor(config: AppConfig, processor: MonthlyReportProcessor, @InjectQueue(QueueName.Reports) queue: Queue) {
    const schedule = { scheduler: MONTHLY_SCHEDULER, everyMs: MONTHLY_EVERY_MS, job: MONTHLY_SWEEP, opts: JOB_RETENTION };
    super(config, processor, queue, schedule, 'reports-monthly');
  }
}
