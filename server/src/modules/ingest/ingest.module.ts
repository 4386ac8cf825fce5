import { Global, Module } from '@nestjs/common';
import { DeviceKeyGuard } from '../../core/auth/device-key.guard';
import { EventsController } from './events.controller';
import { IngestListener } from './ingest-listener';
import { IngestService } from './ingest.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [IngestService, IngestListener, DeviceKeyGuard],
  exports: [IngestService, IngestListener],
})
export class IngestModule {}
