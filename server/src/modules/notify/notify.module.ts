import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelsService } from './channels.service';
import { NotifyAttempt } from './entities/notify-attempt.entity';
import { NotifyChannel } from './entities/notify-channel.entity';
import { NotifyDelivery } from './entities/notify-delivery.entity';
import { NotifyJobsModule } from './jobs/notify-jobs.module';
import { NotifyController } from './notify.controller';

// Notification channels and reliable delivery (docs/notifications.md). Other features send
// through NotifyService.enqueue, inside their own transaction when they have one.
@Module({
  imports: [TypeOrmModule.forFeature([NotifyChannel, NotifyDelivery, NotifyAttempt]), NotifyJobsModule],
  controllers: [NotifyController],
  providers: [ChannelsService],
  exports: [NotifyJobsModule],
})
export class NotifyModule {}
