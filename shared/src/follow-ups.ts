// Follow-up of bad reviews and complaints (docs/contracts/reviews.md) as the API serves it: cases, their
// calls, appeals (申诉), the working-day calendar and the audit trail.

import type { ClosureDisproved } from './callback-checks';
import type { PlatformChange } from './events';

export const FOLLOW_UP_KINDS = ['review', 'complaint'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** A case moves forward only: first contact, then a fix or explanation, then a confirming call. */
export const FOLLOW_UP_STATUSES = ['awaiting_contact', 'in_progress', 'awaiting_confirmation', 'closed', 'withdrawn'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, { zh: string; en: string }> = {
  awaiting_contact: { zh: '待首次联系', en: 'Awaiting first contact' },
  in_progress: { zh: '整改中', en: 'Being fixed' },
  awaiting_confirmation: { zh: '待回访确认', en: 'Awaiting confirming call' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '申诉成立，已撤销', en: 'Withdrawn (appeal upheld)' },
};

/** Only a complaint's platform withdraws a complaint's case (撤单); only an upheld appeal withdraws a review's. */
const PLATFORM_WITHDRAWN = { zh: '平台已撤单', en: 'Withdrawn by the platform' };

/** A case's status in words, saying who withdrew a withdrawn one. */
export const followUpStatusLabel = (c: { kind: FollowUpKind; status: FollowUpStatus }): { zh: string; en: string } =>
  c.kind === 'complaint' && c.status === 'withdrawn' ? PLATFORM_WITHDRAWN : FOLLOW_UP_STATUS_LABELS[c.status];

export const FOLLOW_UP_STEPS = ['contact', 'resolve'] as const;
/** `contact`: first call within 1 working day; `resolve`: fixed, explained and confirmed within the site's deadline. */
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];

/** Working days to fix or explain when the site sets none; localities use 5, 7 or 15. */
export const DEFAULT_FOLLOW_UP_DAYS = 5;
export const CONTACT_WORKING_DAYS = 1;

/** Wall alert kinds raised by the follow-up deadlines. */
export const FOLLOW_UP_ALERT_KINDS = {
  overdue: 'followup.overdue',
  dueToday: 'followup.due_today',
  callback: 'followup.realname_callback',
} as const;

/** A 差评 just in, not yet called back: on the wall at once (docs/contracts/reviews.md). */
export const BAD_REVIEW_ALERT_KIND = 'review.bad';
/** The report's items a new 差评 bears on: 8 (complaints handled) and 17 (好差评). */
export const BAD_REVIEW_ALERT_ITEMS = [8, 17];

/**
 * `verification`: the second callback of 回访核实 (outcome: whether the citizen confirmed the closure);
 * `return`: the complaint's work order sent back to its platform (退单, note: the reason); `platform`: the
 * platform's closing or withdrawal closed the case, or its reopening (重办) opened it again (note: the change).
 */
export const FOLLOW_UP_ACTION_KINDS = [
  'contact',
  'resolution',
  'confirmation',
  'reminder',
  'escalation',
  'withdrawal',
  'verification',
  'return',
  'platform',
] as const;
export type FollowUpActionKind = (typeof FOLLOW_UP_ACTION_KINDS)[number];

export interface FollowUpActionView {
  kind: FollowUpActionKind;
  at: string;
  actor: string;
  note: string | null;
  /** For a call: whether the citizen was reached; for a confirmation: whether they were satisfied. */
  outcome: boolean | null;
  step: FollowUpStep | null;
}

export interface FollowUpCaseView {
  id: string;
  site: string;
  kind: FollowUpKind;
  /** The review's or complaint's event id. */
  sourceId: string;
  department: string | null;
  window: string | null;
  staff: string | null;
  rating: number | null;
  channel: string | null;
  realName: boolean;
  summary: string | null;
  /** Always masked (138****1234); the full number only through the audited reveal. */
  phoneMasked: string | null;
  openedAt: string;
  status: FollowUpStatus;
  contactDueAt: string;
  resolveDueAt: string;
  firstContactAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  contactOverdueAt: string | null;
  resolveOverdueAt: string | null;
  /** When a second callback that did not confirm the closure reopened the case; its deadlines count from then. */
  reopenedAt: string | null;
  /** What the second callback found of a closure it did not confirm (not_contacted outranks contacted_not_solved). */
  disproved: ClosureDisproved | null;
  appeal: AppealView | null;
  /** The rated service's ticket (a review's); null for complaints and ratings without one. */
  ticket: string | null;
  /** A complaint that came as a platform's work order (12345): its number, limits and state; else null. */
  workOrder: WorkOrderView | null;
  actions?: FollowUpActionView[];
  /** The platform's changes to the work order, oldest first (only on a single case). */
  platformUpdates?: PlatformUpdateView[];
}

export const PLATFORM_CHANGE_LABELS: Record<PlatformChange, { zh: string; en: string }> = {
  extended: { zh: '延期', en: 'Extended' },
  withdrawn: { zh: '撤单', en: 'Withdrawn' },
  closed: { zh: '办结归档', en: 'Closed and filed' },
  reopened: { zh: '重办', en: 'Sent back to redo' },
};

/** A complaint platform's work order (工单) as the case carries it (docs/contracts/reviews.md, "Work orders"). */
export interface WorkOrderView {
  number: string;
  /** The limits in force (签收, 办结): the latest the platform set, else those the order came with. */
  signBy: string | null;
  closeBy: string | null;
  /** The limits the order came with, when an extension has since moved them. */
  firstSignBy: string | null;
  firstCloseBy: string | null;
  /** The platform's latest word on the order's state; null while it said none. */
  platformStatus: Exclude<PlatformChange, 'extended'> | null;
  platformChangedAt: string | null;
  /** The latest 退单 (returned to the platform), or null. */
  returned: { at: string; by: string; reason: string } | null;
  /** Returned, and the platform has not answered since (no closing, withdrawal or reopening after it). */
  awaitingPlatform: boolean;
  /** When the platform's closing or withdrawal closed this case (the case's own status says which). */
  closedByPlatformAt: string | null;
}

export interface PlatformUpdateView {
  at: string;
  change: PlatformChange;
  signBy: string | null;
  closeBy: string | null;
  note: string | null;
}

export interface FollowUpListView {
  site: string;
  asOf: string;
  cases: FollowUpCaseView[];
}

export const APPEAL_REASONS = ['mistaken', 'malicious'] as const;
export type AppealReason = (typeof APPEAL_REASONS)[number];
export const APPEAL_REASON_LABELS: Record<AppealReason, { zh: string; en: string }> = {
  mistaken: { zh: '误评', en: 'Mistaken' },
  malicious: { zh: '恶意差评', en: 'Malicious' },
};

export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** The 差评 an appeal contests, as whoever weighs the appeal reads it (never the citizen's phone). */
export interface AppealedReview {
  rating: number;
  occurredAt: string;
  channel: string;
  window: string | null;
  staff: string | null;
  ticket: string | null;
  comment: string | null;
}

export interface AppealView {
  id: string;
  site: string;
  reviewId: string;
  /** Null only if the review itself is gone. */
  review: AppealedReview | null;
  department: string;
  reason: AppealReason;
  statement: string;
  status: AppealStatus;
  filedAt: string;
  filedBy: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
}

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** `holiday`: a weekday off (法定节假日); `workday`: a weekend day worked (调休上班). */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDayView {
  day: string;
  kind: CalendarDayKind;
  name: string;
  /** Site code, or null when the entry applies to every site. */
  site: string | null;
}

export interface PhoneRevealView {
  caseId: string;
  phone: string;
  /** The audit entry that records this reveal. */
  auditId: string;
}

export interface ReviewAuditView {
  id: string;
  at: string;
  actor: string;
  action: string;
  site: string | null;
  subject: string;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
}
