// The outing and leave register (外出报备 / 请销假) of docs/contracts/absences.md, as the API
// serves it to the dashboard.

/** Outings: the staff member is away from the window on the hall's business. */
export const OUTING_KINDS = ['official_business', 'meeting'] as const;
export type OutingKind = (typeof OUTING_KINDS)[number];

/** Leave: the staff member is not at work at all. */
export const LEAVE_KINDS = ['personal_leave', 'sick_leave', 'annual_leave', 'compensatory_leave'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export const ABSENCE_KINDS = [...OUTING_KINDS, ...LEAVE_KINDS] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const ABSENCE_KIND_LABELS: Record<AbsenceKind, { zh: string; en: string }> = {
  official_business: { zh: '因公外出', en: 'Official business' },
  meeting: { zh: '外出开会', en: 'Meeting' },
  personal_leave: { zh: '事假', en: 'Personal leave' },
  sick_leave: { zh: '病假', en: 'Sick leave' },
  annual_leave: { zh: '年休假', en: 'Annual leave' },
  compensatory_leave: { zh: '调休', en: 'Time off in lieu' },
};

export const isLeaveKind = (kind: string): kind is LeaveKind => (LEAVE_KINDS as readonly string[]).includes(kind);
export const isOutingKind = (kind: string): kind is OutingKind => (OUTING_KINDS as readonly string[]).includes(kind);

/**
 * pending: filed, awaiting a decision; approved / rejected: decided by a supervisor or admin who
 * did not file it; cancelled: withdrawn before or after approval (it then covers nothing).
 * An approved entry ended early (销假) stays approved, with `returnedAt`.
 */
export const ABSENCE_STATES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type AbsenceState = (typeof ABSENCE_STATES)[number];

export const ABSENCE_STATE_LABELS: Record<AbsenceState, { zh: string; en: string }> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '未批准', en: 'Rejected' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

/**
 * How much earlier than an approved entry's start a departure may be and still be covered by it:
 * walking to a meeting that starts at 10:00 means leaving the window a little before.
 */
export const ABSENCE_EARLY_LEAVE_MIN = 15;
/** How far back an entry may be filed (补报): an illness reported on return, an outing approved that afternoon. */
export const ABSENCE_BACKDATE_DAYS = 7;
/** How far ahead an entry may be filed. */
export const ABSENCE_AHEAD_DAYS = 90;
/** An outing lasts at most a day; a longer absence is leave. */
export const OUTING_MAX_HOURS = 24;
export const LEAVE_MAX_DAYS = 366;

export interface AbsenceEntryView {
  id: string;
  site: string;
  /** Registry staff code. */
  staff: string;
  staffName: string | null;
  /** The staff member's department when the entry was filed, and its name in the registry. */
  department: string | null;
  departmentName: { zh: string; en: string } | null;
  kind: AbsenceKind;
  category: 'outing' | 'leave';
  from: string;
  to: string;
  reason: string;
  state: AbsenceState;
  filedBy: string;
  filedAt: string;
  /** Filed after its start (补报): allowed within ABSENCE_BACKDATE_DAYS, and shown as such. */
  late: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** 销假: the actual return when the absence ended before `to`; its cover ends there. */
  returnedAt: string | null;
  returnedBy: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  cancelNote: string | null;
}

/** `POST /api/v1/admin/sites/:site/absences` */
export interface AbsenceFiling {
  staff: string;
  kind: AbsenceKind;
  /** ISO-8601 with offset. */
  from: string;
  to: string;
  reason: string;
}

export interface AbsenceListView {
  site: string;
  /** The hall-local day listed, or null when the list is by state alone. */
  day: string | null;
  timeZone: string;
  asOf: string;
  entries: AbsenceEntryView[];
}

/** Where a roster member stands now, as the roll call shows it. */
export const ROLL_CALL_STATES = ['on_post', 'outing', 'on_leave', 'away', 'away_unregistered', 'signed_out', 'not_seen'] as const;
export type RollCallState = (typeof ROLL_CALL_STATES)[number];

export interface RollCallEntry {
  staff: string;
  name: string;
  department: string | null;
  departmentName: { zh: string; en: string } | null;
  window: string | null;
  state: RollCallState;
  /** The device's declared reason while away. */
  reason: string | null;
  since: string | null;
  /** The approved entry that explains the absence now, if any. */
  entry: { id: string; kind: AbsenceKind; from: string; to: string } | null;
}

/** `GET …/absences/roll-call`: today's roster, each member on post, explained (outing, leave) or not. */
export interface RollCallView {
  site: string;
  day: string;
  asOf: string;
  staff: RollCallEntry[];
}

export interface AbsenceFigureRow {
  /** Department code; null for staff the registry places in no department; the total row has `total: true`. */
  department: string | null;
  name: { zh: string; en: string };
  total?: boolean;
  /** Approved outings starting in the month. */
  outings: number;
  officialBusiness: number;
  meetings: number;
  /** Approved leave starting in the month (人次). */
  leaves: number;
  /** Working days of approved leave that fall in the month, in half days. */
  leaveDays: number;
  /** Approved entries filed after their start (补报). */
  lateFilings: number;
  /** Entries still awaiting a decision that start in the month. */
  pending: number;
  /** Absences from a window in the month that no approved entry covered, of the three kinds below. */
  unregistered: number;
  /** Declared official business or a meeting, with no approved outing of that kind. */
  outingsUnregistered: number;
  /** Declared unregistered: the staff member simply left. */
  walkOffs: number;
  /** Breaks past the allowed break, and absences lasting past the end of the approved entry that covered them. */
  overruns: number;
}

/** `GET …/absences/figures?month=YYYY-MM` */
export interface AbsenceFiguresView {
  site: string;
  siteName: string;
  month: string;
  timeZone: string;
  asOf: string;
  /** The allowed break the overruns were judged by. */
  allowedBreakSec: number;
  departments: AbsenceFigureRow[];
  total: AbsenceFigureRow;
}

/** `POST …/absences/figures/evidence?month=`: the month's figures filed as evidence on items 50 and 51. */
export interface AbsenceEvidenceResult {
  month: string;
  items: Array<{ number: number; evidenceId: string; text: string }>;
}
