import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RetentionJobsModule } from './jobs/retention-jobs.module';
import { RetentionController } from './retention.controller';
import { RetentionRun } from './retention-run.entity';
import { RetentionSettings } from './retention-settings.entity';

// How long citizens' phones, raw events and patrol photos are kept (docs/security.md), the
// admin routes over the policy, and the scheduled purge (RetentionJobsModule, which the worker
// process loads too).
@Module({
  imports: [TypeOrmModule.forFeature([RetentionSettings, RetentionRun]), RetentionJobsModule],
  controllers: [RetentionController],
})
export class RetentionModule {}
