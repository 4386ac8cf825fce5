import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { JOB_RETENTION, LOOK_BACK_EVERY_MS, LOOK_BACK_SCHEDULER, LOOK_BACK_SWEEP } from './look-back.job';
import { LookBackProcessor } from './look-back.processor';

@Injectable()
export class LookBackWorker extends SweepWorker {
  constructor(config: AppConfig, processor: LookBackProcessor, @InjectQueue(QueueName.Rectification) queue: Queue) {
    const schedule = { scheduler: LOOK_BACK_SCHEDULER, everyMs: LOOK_BACK_EVERY_MS, job: LOOK_BACK_SWEEP, opts: JOB_RETENTION };
    super(config, processor, queue, schedule, 'look-back');
  }
}
