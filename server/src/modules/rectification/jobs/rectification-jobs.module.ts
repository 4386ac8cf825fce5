import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LookBackService } from '../look-back.service';
import { LookBackProcessor } from './look-back.processor';
import { LookBackWorker } from './look-back.worker';

// The look-back (回头看): what both the server and a separate `hallwatch worker` process
// load. Besides PostgreSQL, Redis and the clock it reads IndicatorsService, which the
// loading process provides.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Rectification })],
  providers: [LookBackService, LookBackProcessor, LookBackWorker],
  exports: [LookBackService],
})
export class RectificationJobsModule {}
