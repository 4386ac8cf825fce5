import { ACCOUNT_ENTITIES } from '../../modules/accounts/entities';
import { DeviceKey } from '../../modules/accounts/device-keys/device-key.entity';
import { LIVE_AGGREGATE_ENTITIES } from '../../modules/indicators/aggregates/entities';
import { IndicatorHistory } from '../../modules/indicators/indicator-history.entity';
import { IndicatorHistoryRound } from '../../modules/indicators/indicator-history-round.entity';
import { StoredEvent } from '../../modules/ingest/stored-event.entity';
import { Complaint } from '../../modules/projections/complaint.entity';
import { Review } from '../../modules/projections/review.entity';
import { StaffPresence } from '../../modules/projections/staff-presence.entity';
import { TicketWait } from '../../modules/projections/ticket-wait.entity';
import { Ticket } from '../../modules/projections/ticket.entity';
import { UnknownReference } from '../../modules/projections/unknown-reference.entity';
import { RectificationEvidence } from '../../modules/rectification/entities/rectification-evidence.entity';
import { RectificationHistory } from '../../modules/rectification/entities/rectification-history.entity';
import { RectificationItem } from '../../modules/rectification/entities/rectification-item.entity';
import { RectificationLink } from '../../modules/rectification/entities/rectification-link.entity';
import { RectificationRebound } from '../../modules/rectification/entities/rectification-rebound.entity';
import { RectificationReport } from '../../modules/rectification/entities/rectification-report.entity';
import { Department } from '../../modules/registry/department.entity';
import { HallWindow } from '../../modules/registry/hall-window.entity';
import { ServiceItem } from '../../modules/registry/service-item.entity';
import { Site } from '../../modules/registry/site.entity';
import { StaffMember } from '../../modules/registry/staff-member.entity';
import { PATROL_ENTITIES } from '../../modules/patrol/entities';
import { CalendarDay } from '../../modules/calendar/calendar-day.entity';
import { FollowUpAction } from '../../modules/reviews/entities/follow-up-action.entity';
import { FollowUpCase } from '../../modules/reviews/entities/follow-up-case.entity';
import { ReviewAppeal } from '../../modules/reviews/entities/review-appeal.entity';
import { ReviewDailyRollup } from '../../modules/trends/entities/review-daily-rollup.entity';
import { ReviewHourlyRollup } from '../../modules/trends/entities/review-hourly-rollup.entity';
import { RollupMark } from '../../modules/trends/entities/rollup-mark.entity';

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
  IndicatorHistoryRound,
  ...LIVE_AGGREGATE_ENTITIES,
  RectificationReport,
  RectificationItem,
  RectificationLink,
  RectificationEvidence,
  RectificationHistory,
  RectificationRebound,
  ...PATROL_ENTITIES,
  ...ACCOUNT_ENTITIES,
  FollowUpCase,
  FollowUpAction,
  ReviewAppeal,
  CalendarDay,
  ReviewDailyRollup,
  ReviewHourlyRollup,
  RollupMark,
];
