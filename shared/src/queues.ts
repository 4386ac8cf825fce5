// One list of BullMQ queue names, shared by producers, processors and the worker process.
export enum QueueName {
  Maintenance = 'maintenance',
  Patrol = 'patrol',
  Rectification = 'rectification',
  FollowUps = 'follow-ups',
  Rollups = 'rollups',
  Notify = 'notify',
  Retention = 'retention',
  Reports = 'reports',
  AlertRouting = 'alert-routing',
}

/** The job states an admin sees per queue. */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** One BullMQ queue as the admin's queue page lists it (`GET /api/v1/admin/queues`). */
export interface QueueCountsView {
  name: QueueName;
  counts: Record<QueueJobState, number>;
}

/** A job that failed after its last attempt: what ran, why it failed and when. The job's data is not shown: it can hold citizens' details. */
export interface FailedJobView {
  id: string;
  /** The job's kind within its queue (e.g. "deliver", "sweep"). */
  name: string;
  failedReason: string;
  /** The first lines of the error's stack, for the operator's report. */
  stack: string | null;
  attemptsMade: number;
  queuedAt: string;
  failedAt: string | null;
}

/** A page of a queue's failed jobs, newest first (`GET /api/v1/admin/queues/:name/failed`). */
export interface FailedJobsView {
  name: QueueName;
  total: number;
  jobs: FailedJobView[];
}
