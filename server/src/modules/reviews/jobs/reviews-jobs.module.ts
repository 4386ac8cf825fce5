import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CallbackWeeklyDrawService } from '../callback-weekly-draw.service';
import { FollowUpDeadlinesService } from '../follow-up-deadlines.service';
import { FollowUpProducer } from './follow-up.producer';
import { FollowUpsProcessor } from './follow-ups.processor';
import { FollowUpsWorker } from './follow-ups.worker';

// The follow-up deadlines and 回访核实's weekly draw: what both the server and a separate
// `hallwatch worker` process load. It needs only PostgreSQL, Redis, the clock and the domain events.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.FollowUps })],
  providers: [FollowUpDeadlinesService, CallbackWeeklyDrawService, FollowUpProducer, FollowUpsProcessor, FollowUpsWorker],
  exports: [FollowUpDeadlinesService, CallbackWeeklyDrawService, FollowUpProducer],
})
export class ReviewsJobsModule {}
