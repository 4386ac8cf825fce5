import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { RetentionPolicyService } from '../retention-policy.service';
import { RetentionService } from '../retention.service';
import { RetentionProcessor } from './retention.processor';
import { RetentionWorker } from './retention.worker';

// The purge and its schedule: what both the server and a separate `hallwatch worker` load.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Retention })],
  providers: [RetentionPolicyService, RetentionService, RetentionProcessor, RetentionWorker],
  exports: [RetentionPolicyService, RetentionService],
})
export class RetentionJobsModule {}
