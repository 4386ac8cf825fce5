// Queues the deadline jobs of a site's newly opened cases (the cases are the outbox: a case
// whose jobs are not queued yet has scheduled_at null). Kicks within an interval share an id.

export const FOLLOW_UP_SCHEDULE = 'follow-up-schedule';
export const FOLLOW_UP_SCHEDULE_EVERY_MS = 2_000;

export interface FollowUpScheduleData {
  siteId: string;
}

export const followUpScheduleJobId = (siteId: string, at: number): string =>
  `fu-schedule.${siteId}.${Math.floor(at / FOLLOW_UP_SCHEDULE_EVERY_MS)}`;
