import { Global, Module } from '@nestjs/common';
import { DeviceKeyGuard } from '../accounts/auth/device-key.guard';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';

@Global()
@Module({
  controllers: [EventsController],
  providers: [IngestService, DeviceKeyGuard],
  exports: [IngestService],
})
export class IngestModule {}
