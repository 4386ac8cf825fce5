import { DeviceKey } from '../../modules/device-keys/device-key.entity';
import { IndicatorHistory } from '../../modules/indicators/indicator-history.entity';
import { StoredEvent } from '../../modules/ingest/stored-event.entity';
import { Complaint } from '../../modules/projections/complaint.entity';
import { Review } from '../../modules/projections/review.entity';
import { StaffPresence } from '../../modules/projections/staff-presence.entity';
import { TicketWait } from '../../modules/projections/ticket-wait.entity';
import { Ticket } from '../../modules/projections/ticket.entity';
import { UnknownReference } from '../../modules/projections/unknown-reference.entity';
import { Department } from '../../modules/registry/department.entity';
import { HallWindow } from '../../modules/registry/hall-window.entity';
import { ServiceItem } from '../../modules/registry/service-item.entity';
import { Site } from '../../modules/registry/site.entity';
import { StaffMember } from '../../modules/registry/staff-member.entity';

export const ENTITIES = [
  Site,
  Department,
  HallWindow,
  StaffMember,
  ServiceItem,
  DeviceKey,
  StoredEvent,
  Ticket,
  TicketWait,
  StaffPresence,
  Review,
  Complaint,
  UnknownReference,
  IndicatorHistory,
];
