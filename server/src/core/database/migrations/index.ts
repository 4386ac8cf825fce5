import { Initial1795704309410 } from './1795704309410-initial';
import { AddIndicatorHistory1795704824096 } from './1795704824096-add-indicator-history';
import { AddRectification1795706625375 } from './1795706625375-add-rectification';
import { AddPatrol1795707688151 } from './1795707688151-add-patrol';
import { AddReviewFollowUps1795707725133 } from './1795707725133-add-review-follow-ups';
import { AddAccounts1795709621090 } from './1795709621090-add-accounts';
import { AddPatrolPlannedFrom1795711320072 } from './1795711320072-add-patrol-planned-from';
import { AddLiveAggregates1795715167836 } from './1795715167836-add-live-aggregates';
import { AddTicketEventMarker1795715425726 } from './1795715425726-add-ticket-event-marker';
import { AddSiteWaitSeconds1795716100000 } from './1795716100000-add-site-wait-seconds';
import { AddFollowUpDueIndexes1795716200000 } from './1795716200000-add-follow-up-due-indexes';
import { MergePatrolCalendar1795716300000 } from './1795716300000-merge-patrol-calendar';
import { AddHistoryRounds1795716400000 } from './1795716400000-add-history-rounds';
import { PartitionEvents1795716500000 } from './1795716500000-partition-events';
import { AddLinkJudgedVerdict1795716600000 } from './1795716600000-add-link-judged-verdict';
import { AggregateAccessDenials1796588762817 } from './1796588762817-aggregate-access-denials';
import { AddKnownDevices1796589365856 } from './1796589365856-add-known-devices';
import { MergeReviewAudit1796590000000 } from './1796590000000-merge-review-audit';
import { SettleRatingVisits1796590949045 } from './1796590949045-settle-rating-visits';
import { AddPatrolWalkProof1796590985254 } from './1796590985254-add-patrol-walk-proof';
import { AddPatrolRetiredCodes1796596961221 } from './1796596961221-add-patrol-retired-codes';
import { AddDepartmentAccounts1796598324364 } from './1796598324364-add-department-accounts';
import { AddAbsenceRegister1796598490989 } from './1796598490989-add-absence-register';
import { AddComplaintWorkOrders1796598783993 } from './1796598783993-add-complaint-work-orders';
import { AddFollowUpReturns1796600100000 } from './1796600100000-add-follow-up-returns';
import { AddAlertRouting1796619517663 } from './1796619517663-add-alert-routing';
import { AddAssessmentWeights1796611300000 } from './1796611300000-add-assessment-weights';
import { AddNotifyChannels1796619190462 } from './1796619190462-add-notify-channels';
import { AddOfficeReports1796619193381 } from './1796619193381-add-office-reports';
import { AddRetention1796619198716 } from './1796619198716-add-retention';
import { AddVisits1796619501593 } from './1796619501593-add-visits';
import { AddCallbackChecks1796599244186 } from './1796599244186-add-callback-checks';
import { AddDepartmentStationing1796600000000 } from './1796600000000-add-department-stationing';
import { AddNoticeNumbers1796607755217 } from './1796607755217-add-notice-numbers';
import { AddReportEvidence1796611201324 } from './1796611201324-add-report-evidence';

// Every migration, in order. `npm run hallwatch -- migration-generate <Name>` writes new ones.
export const MIGRATIONS: Function[] = [
  Initial1795704309410,
  AddIndicatorHistory1795704824096,
  AddRectification1795706625375,
  AddPatrol1795707688151,
  AddReviewFollowUps1795707725133,
  AddAccounts1795709621090,
  AddPatrolPlannedFrom1795711320072,
  AddLiveAggregates1795715167836,
  AddTicketEventMarker1795715425726,
  AddSiteWaitSeconds1795716100000,
  AddFollowUpDueIndexes1795716200000,
  MergePatrolCalendar1795716300000,
  AddHistoryRounds1795716400000,
  PartitionEvents1795716500000,
  AddLinkJudgedVerdict1795716600000,
  AggregateAccessDenials1796588762817,
  AddKnownDevices1796589365856,
  MergeReviewAudit1796590000000,
  SettleRatingVisits1796590949045,
  AddPatrolWalkProof1796590985254,
  AddPatrolRetiredCodes1796596961221,
  AddDepartmentAccounts1796598324364,
  AddAbsenceRegister1796598490989,
  AddComplaintWorkOrders1796598783993,
  AddCallbackChecks1796599244186,
  AddDepartmentStationing1796600000000,
  AddFollowUpReturns1796600100000,
  AddNoticeNumbers1796607755217,
  AddReportEvidence1796611201324,
  AddAssessmentWeights1796611300000,
  AddNotifyChannels1796619190462,
  AddOfficeReports1796619193381,
  AddRetention1796619198716,
  AddVisits1796619501593,
  AddAlertRouting1796619517663,
];
