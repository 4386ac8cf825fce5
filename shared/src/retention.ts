// How long Hallwatch keeps what it collects (docs/security.md, "What is kept and for how long"):
// the policy an admin edits, its floors, and what a run erased.

export type EventRetentionAction = 'archive' | 'delete';

export interface RetentionPolicy {
  /** Days after a follow-up closes before the citizen's phone number is erased (the masked form stays). */
  phoneDays: number;
  /** Days raw device events are kept before they are archived to files or deleted. */
  eventDays: number;
  eventAction: EventRetentionAction;
  /** Days patrol photos are kept after the finding they show. */
  photoDays: number;
}

export const DEFAULT_RETENTION_POLICY: Readonly<RetentionPolicy> = {
  phoneDays: 180,
  eventDays: 1095,
  eventAction: 'archive',
  photoDays: 365,
};

/**
 * The shortest each period may be set to. Events: the Cybersecurity Law's six months of logs is
 * the legal floor, but the monthly scorecards, absence figures and the rectification look-back
 * re-read a month of events, and a year's comparison needs last year's same month: 13 months and
 * a margin. Phones: the second callback (回访核实) draws closed cases within weeks of closure.
 */
export const RETENTION_MIN_DAYS: Readonly<Record<'phoneDays' | 'eventDays' | 'photoDays', number>> = {
  phoneDays: 30,
  eventDays: 400,
  photoDays: 90,
};

/** One site-month of events a run archives or deletes. */
export interface RetentionEventRange {
  site: string;
  month: string;
  from: string;
  to: string;
  count: number;
}

/** What a run would erase (a dry run) or erased. */
export interface RetentionPlanView {
  /** The instants before which each kind of data is out of its period. */
  cutoffs: { phones: string; events: string; photos: string };
  phones: { count: number; reviews: string[]; complaints: string[] };
  events: { count: number; action: EventRetentionAction; ranges: RetentionEventRange[]; heldBack: RetentionEventRange[] };
  photos: { count: number; ids: string[] };
}

export interface RetentionRunView {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  /** job: the daily scheduled run; cli: `hallwatch retention`. */
  trigger: 'job' | 'cli';
  actor: string;
  phones: number;
  events: number;
  photos: number;
  /** Archive files written, relative to DATA_DIR. */
  files: string[];
  error: string | null;
}

export interface RetentionView {
  policy: RetentionPolicy;
  minimums: typeof RETENTION_MIN_DAYS;
  defaults: RetentionPolicy;
  updatedAt: string | null;
  updatedBy: string | null;
  lastRun: RetentionRunView | null;
}
