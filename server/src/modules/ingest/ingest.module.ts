import { Global, Module } from '@nestjs/common';
import { DeviceKeyGuard } from '../accounts/auth/device-key.guard';
import { EventsController } from './events.controller';
import { IngestMetrics } from './ingest-metrics';
import { IngestService } from './ingest.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Complaint } from '../projections/complaint.entity';
import { ComplaintOrderUpdate } from '../projections/complaint-order-update.entity';
import { RejectedRating } from '../projections/rejected-rating.entity';
import { Review } from '../projections/review.entity';
import { StaffPresence } from '../projections/staff-presence.entity';
import { TicketWait } from '../projections/ticket-wait.entity';
import { Ticket } from '../projections/ticket.entity';
import { UnknownReference } from '../projections/unknown-reference.entity';
import { StoredEvent } from './stored-event.entity';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      StoredEvent,
      Ticket,
      TicketWait,
      StaffPresence,
      Review,
      RejectedRating,
      Complaint,
      ComplaintOrderUpdate,
      UnknownReference,
    ]),
  ],
  controllers: [EventsController],
  providers: [IngestService, IngestMetrics, DeviceKeyGuard],
  exports: [IngestService],
})
export class IngestModule {}
