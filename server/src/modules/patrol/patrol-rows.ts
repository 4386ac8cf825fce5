// The rows of the patrol module's SQL, one interface per kind of statement, each field named
// as the SQL names its column.

/** A row asked for by its id alone (the rounds and notices a catch-up walks, rounds just planned). */
export interface IdRow {
  id: string;
}

/** A round known to the schedule (checking the rounds a batch of events names). */
export interface CodeRow {
  code: string;
}

/** A step newly recorded by INSERT … RETURNING step: a step already there returns nothing. */
export interface StepRow<Step extends string> {
  step: Step;
}

/** A check's round, as an UPDATE … RETURNING names it. */
export interface RoundIdRow {
  round_id: string;
}

/** A round locked for an event, with its day. */
export interface RoundDayRow {
  id: string;
  day: string;
}

/** An event this transaction claimed to project (patrol_applied_events). */
export interface AppliedEventRow {
  event_id: string;
}

/** A stored round.* event not yet projected. */
export interface StoredRoundEventRow {
  id: string;
  type: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/** A photo stored by INSERT … RETURNING: none when the check already had one. */
export interface PhotoKeyRow {
  check_event_id: string;
}

/** A finding with its round, photo, deduction and notice, for the findings list. */
export interface FindingRow {
  id: string;
  check_event_id: string;
  round: string;
  day: string;
  checkpoint: string;
  items: number[];
  department: string | null;
  window: string | null;
  severity: 'low' | 'medium' | 'high' | null;
  note: string | null;
  occurred_at: Date;
  status: 'open' | 'resolved';
  resolved_at: Date | null;
  resolution: string | null;
  has_photo: boolean;
  points: number | null;
  month: string | null;
  notice: string | null;
}

/** A finding's rectification items, for the notices about it. */
export interface FindingItemsRow {
  id: string;
  items: number[];
  points: number | null;
}

/** The points a checkpoint deducts when its finding is confirmed as a violation. */
export interface DeductPointsRow {
  deduct_points: number;
}

/** A department's points lost in one month. */
export interface DeductionTotalRow {
  month: string;
  department: string;
  name: string | null;
  points: number;
  count: number;
}

/** Open findings or overdue notices counted per department (the wall's patrol figures). */
export interface DepartmentCountRow<Department extends string | null> {
  department: Department;
  n: number;
}

/** A round of today overdue or missed, for the wall's alerts. */
export interface RoundAlertRow {
  code: string;
  time: string;
  state: string;
  overdue_at: Date;
  missed_at: Date;
}

/** An open notice reminded or escalated, for the wall's alerts. */
export interface NoticeAlertRow {
  id: string;
  department: string;
  name: string | null;
  name_en: string | null;
  deadline: Date;
  escalated: boolean;
  reminded_at: Date;
}
