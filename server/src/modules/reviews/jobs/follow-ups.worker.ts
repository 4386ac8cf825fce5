import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../core/config/app-config';
import { SweepWorker } from '../../../core/queue/sweep-worker';
import { CALLBACK_WEEKLY_DRAW, CALLBACK_WEEKLY_DRAW_EVERY_MS, CALLBACK_WEEKLY_DRAW_SCHEDULER } from './callback-weekly-draw.job';
import { FollowUpsProcessor } from './follow-ups.processor';
import { FOLLOW_UP_SWEEP, FOLLOW_UP_SWEEP_EVERY_MS, FOLLOW_UP_SWEEP_SCHEDULER, JOB_RETENTION } from './follow-up-sweep.job';

@Injectable()
export class FollowUpsWorker extends SweepWorker {
  constructor(config: AppConfig, processor: FollowUpsProcessor, @InjectQueue(QueueName.FollowUps) queue: Queue) {
    const schedules = [
      { scheduler: FOLLOW_UP_SWEEP_SCHEDULER, everyMs: FOLLOW_UP_SWEEP_EVERY_MS, job: FOLLOW_UP_SWEEP, opts: JOB_RETENTION },
      { scheduler: CALLBACK_WEEKLY_DRAW_SCHEDULER, everyMs: CALLBACK_WEEKLY_DRAW_EVERY_MS, job: CALLBACK_WEEKLY_DRAW, opts: JOB_RETENTION },
    ];
    super(config, processor, queue, schedules, 'follow-up');
  }
}
