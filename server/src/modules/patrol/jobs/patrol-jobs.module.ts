import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NoticeStepsService } from '../notice-steps.service';
import { PatrolNotifier } from '../patrol-notifier';
import { RoundEventsService } from '../round-events.service';
import { RoundPlanner } from '../round-planner.service';
import { RoundStepsService } from '../round-steps.service';
import { PatrolJobsProducer } from './patrol-jobs.producer';
import { PatrolSync } from './patrol-sync.service';
import { PatrolWorker } from './patrol-worker';
import { PatrolProcessor } from './patrol.processor';

// The patrol schedule: what both the server and a separate `hallwatch worker` process load.
// It needs only PostgreSQL, Redis and the clock; the HTTP side lives in PatrolModule.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Patrol })],
  providers: [
    RoundPlanner,
    RoundStepsService,
    RoundEventsService,
    NoticeStepsService,
    PatrolNotifier,
    PatrolJobsProducer,
    PatrolSync,
    PatrolProcessor,
    PatrolWorker,
  ],
  exports: [
    RoundPlanner,
    RoundStepsService,
    RoundEventsService,
    NoticeStepsService,
    PatrolNotifier,
    PatrolJobsProducer,
    PatrolSync,
    PatrolWorker,
  ],
})
export class PatrolJobsModule {}
