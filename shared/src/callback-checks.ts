// 回访核实 (docs/contracts/reviews.md, "Callbacks verified"): a share of the closed follow-ups is drawn
// for a second callback by someone other than whoever closed them, and the citizen's answer
// either confirms the closure or reopens the case.

import type { FollowUpKind, FollowUpStatus } from './follow-ups';

/** What the citizen says on the second call. */
export const CALLBACK_ANSWERS = ['confirmed', 'not_contacted', 'contacted_not_solved'] as const;
export type CallbackAnswer = (typeof CALLBACK_ANSWERS)[number];

export const CALLBACK_ANSWER_LABELS: Record<CallbackAnswer, { zh: string; en: string }> = {
  confirmed: { zh: '属实，已联系并解决', en: 'Confirmed: contacted and solved' },
  not_contacted: { zh: '无人联系（虚假办结）', en: 'Nobody contacted them (falsified)' },
  contacted_not_solved: { zh: '已联系但未解决', en: 'Contacted but not solved' },
};

/**
 * Why a closure was drawn: `random`, its share of the site's closures; `weekly_minimum`, the one
 * closure of a handler who had none drawn in a week; `recheck`, the new closure of a case whose
 * earlier closure a callback did not confirm (always checked again).
 */
export const CALLBACK_DRAW_REASONS = ['random', 'weekly_minimum', 'recheck'] as const;
export type CallbackDrawReason = (typeof CALLBACK_DRAW_REASONS)[number];

export const CALLBACK_DRAW_REASON_LABELS: Record<CallbackDrawReason, { zh: string; en: string }> = {
  random: { zh: '随机抽查', en: 'Random share' },
  weekly_minimum: { zh: '每周保底', en: 'Weekly minimum' },
  recheck: { zh: '复查', en: 'Recheck' },
};

/** A closure the second callback found untrue: what the case is marked with once reopened. */
export type ClosureDisproved = Exclude<CallbackAnswer, 'confirmed'>;

export const CALLBACK_CHECK_FILTERS = ['pending', 'verified', 'all'] as const;
export type CallbackCheckFilter = (typeof CALLBACK_CHECK_FILTERS)[number];

/** One closure drawn for a second callback, with the case as the handler left it. */
export interface CallbackCheckView {
  id: string;
  site: string;
  caseId: string;
  kind: FollowUpKind;
  /** The review's or complaint's event id. */
  sourceId: string;
  department: string | null;
  departmentName: { zh: string; en: string } | null;
  window: string | null;
  rating: number | null;
  /** The complaint's summary or the review's comment. */
  summary: string | null;
  /** Always masked; the full number only through the audited reveal. */
  phoneMasked: string | null;
  hasPhone: boolean;
  openedAt: string;
  /** The account that closed the case (the confirming call): the handler checked here. */
  handler: string;
  closedAt: string;
  /** The fix or explanation the handler recorded, and the note of the confirming call. */
  resolution: string | null;
  confirmationNote: string | null;
  drawnAt: string;
  reason: CallbackDrawReason;
  /** The closure's draw value in [0, 1) and the share in force when it closed: drawn at random when value < share. */
  drawValue: number;
  share: number;
  answer: CallbackAnswer | null;
  note: string | null;
  calledAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  /** The case's status now: a closure not confirmed has reopened it. */
  caseStatus: FollowUpStatus;
}

export interface CallbackCheckListView {
  site: string;
  asOf: string;
  checks: CallbackCheckView[];
}

/** `POST /api/v1/admin/sites/:site/callback-checks/:id/answer`. */
export interface CallbackAnswerInput {
  answer: CallbackAnswer;
  /** What the citizen said, in the verifier's words. */
  note: string;
  /** When the call was made (ISO 8601); now when left out. */
  calledAt?: string;
}

/**
 * One department's (or the whole site's) callback figures of a month: the closures drawn in that
 * month (hall-local) and what their second calls found. Counts against the department that owned
 * the case, whoever closed it.
 */
export interface CallbackFigures {
  drawn: number;
  verified: number;
  pending: number;
  confirmed: number;
  notContacted: number;
  notSolved: number;
  /** verified ÷ drawn; null when nothing was drawn. */
  verifiedShare: number | null;
  /** not contacted ÷ verified; null when nothing was verified. */
  falsifiedRate: number | null;
}

export interface CallbackDepartmentFigures extends CallbackFigures {
  /** null for cases that named no department. */
  department: string | null;
  name: { zh: string; en: string } | null;
}

/** `GET /api/v1/admin/sites/:site/callback-checks/summary?month=YYYY-MM`. */
export interface CallbackSummaryView {
  site: string;
  /** YYYY-MM, hall-local. */
  month: string;
  asOf: string;
  /** The site's share in force now (a setting). */
  sampleShare: number;
  total: CallbackFigures;
  departments: CallbackDepartmentFigures[];
}

export const callbackFigures = (c: Omit<CallbackFigures, 'verifiedShare' | 'falsifiedRate' | 'pending'>): CallbackFigures => ({
  ...c,
  pending: c.drawn - c.verified,
  verifiedShare: c.drawn > 0 ? c.verified / c.drawn : null,
  falsifiedRate: c.verified > 0 ? c.notContacted / c.verified : null,
});
