import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ChannelSecretsService } from '../channel-secrets.service';
import { DeliveryService } from '../delivery.service';
import { NotifyService } from '../notify.service';
import { NotifyProducer } from './notify-producer';
import { NotifySync } from './notify-sync.service';
import { NotifyWorker } from './notify-worker';
import { NotifyProcessor } from './notify.processor';

// What both the server and `hallwatch worker` load: enqueueing and the delivery worker. It
// needs only PostgreSQL, Redis and the configuration; the HTTP side lives in NotifyModule.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Notify })],
  providers: [NotifyProducer, NotifyService, ChannelSecretsService, DeliveryService, NotifySync, NotifyProcessor, NotifyWorker],
  exports: [NotifyProducer, NotifyService, ChannelSecretsService, DeliveryService, NotifySync, NotifyWorker],
})
export class NotifyJobsModule {}
