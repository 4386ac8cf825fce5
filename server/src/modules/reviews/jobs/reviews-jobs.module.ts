import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { FollowUpDeadlinesService } from '../follow-up-deadlines.service';
import { RollupService } from '../../trends/rollup.service';
import { FollowUpProducer } from './follow-up.producer';
import { FollowUpsProcessor } from './follow-ups.processor';
import { FollowUpsWorker } from './follow-ups.worker';

// The follow-up deadlines and rollup flushes: what both the server and a separate
// `hallwatch worker` process load. It needs only PostgreSQL, Redis and the clock.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.FollowUps })],
  providers: [RollupService, FollowUpDeadlinesService, FollowUpProducer, FollowUpsProcessor, FollowUpsWorker],
  exports: [RollupService, FollowUpDeadlinesService, FollowUpProducer],
})
export class ReviewsJobsModule {}
