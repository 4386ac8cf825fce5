import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { RollupReactions } from '../rollup-reactions';
import { RollupService } from '../rollup.service';
import { ROLLUP_KICKS, RollupProducer } from './rollup.producer';
import { RollupsProcessor } from './rollups.processor';
import { RollupsWorker } from './rollups.worker';

// The rollups' marks and flushes: what both the server and a separate `hallwatch worker` load,
// since both change what the rollups count (ingest; follow-up escalations in the worker).
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Rollups })],
  providers: [
    RollupService,
    RollupProducer,
    { provide: ROLLUP_KICKS, useExisting: RollupProducer },
    RollupReactions,
    RollupsProcessor,
    RollupsWorker,
  ],
  exports: [RollupService],
})
export class TrendsJobsModule {}
