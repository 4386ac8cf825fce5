import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NotifyService } from '../notify.service';
import { NotifyProducer } from './notify-producer';

// What both the server and `hallwatch worker` load: enqueueing and the delivery worker. It
// needs only PostgreSQL, Redis and the configuration; the HTTP side lives in NotifyModule.
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Notify })],
  providers: [NotifyProducer, NotifyService],
  exports: [NotifyProducer, NotifyService],
})
export class NotifyJobsModule {}
