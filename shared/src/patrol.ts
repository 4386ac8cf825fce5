// Patrol rounds (督查巡查, docs/contracts/patrol.md) as the patrol page and the admin API see them.
import type { HallEvent } from './events';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from './follow-ups';

/** Hall-local round times when a site has not set its own. */
export const DEFAULT_ROUND_TIMES = ['09:00', '11:00', '14:30', '16:30'] as const;
/** ISO weekdays (Monday = 1) on which rounds are walked, unless the calendar says otherwise. */
export const DEFAULT_ROUND_WEEKDAYS = [1, 2, 3, 4, 5] as const;
/** Not started this long after its time, a round is overdue; not completed after the second, missed. */
export const ROUND_OVERDUE_AFTER_MIN = 30;
export const ROUND_MISSED_AFTER_MIN = 60;
export const MAX_ROUNDS_PER_DAY = 8;

/**
 * Why a completed round is not counted as walked: it was started outside its window, a
 * checkpoint was never confirmed, a checkpoint was confirmed only with a wrong code, a
 * confirmation is dated outside the round (before its start, after its completion, or outside
 * its window), or the round took less than the site's minimum.
 */
export const ROUND_DOUBT_REASONS = ['outside_window', 'missing_checkpoint', 'wrong_code', 'check_outside_round', 'too_short'] as const;
export type RoundDoubtReason = (typeof ROUND_DOUBT_REASONS)[number];

export interface RoundDoubt {
  reason: RoundDoubtReason;
  /** The checkpoints concerned (missing_checkpoint, wrong_code, check_outside_round). */
  checkpoints?: string[];
  /** Each confirmation dated outside the round, with its device time (check_outside_round). */
  checks?: Array<{ checkpoint: string; at: string }>;
  /** The round's duration in seconds and the minimum it fell short of (too_short). */
  seconds?: number;
  minSeconds?: number;
  /** The window the start missed (outside_window). */
  opensAt?: string;
  closesAt?: string;
  /** The span a confirmation must lie in: from the start (or the window's opening) to the completion (check_outside_round). */
  from?: string;
  to?: string;
}

/** Checkpoint codes: unguessable, short enough to type, without letters and digits that look alike. */
export const CHECKPOINT_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECKPOINT_CODE_LENGTH = 8;
/** What a checkpoint's QR code holds: the checkpoint and its code, e.g. "hallwatch:cp:nameplate:K7MX3QPA". */
export const CHECKPOINT_QR_PREFIX = 'hallwatch:cp:';

export const ROUND_STATES = ['scheduled', 'due', 'overdue', 'in_progress', 'done', 'doubtful', 'missed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const ROUND_STATE_LABELS: Record<RoundState, { zh: string; en: string }> = {
  scheduled: { zh: '待巡查', en: 'To do' },
  due: { zh: '待巡查', en: 'Due now' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  doubtful: { zh: '存疑', en: 'Doubtful' },
  missed: { zh: '已错过', en: 'Missed' },
};

// Rounds follow the hall's one working-day calendar; the patrol admin API edits the site's part of it.
export const PATROL_DAY_KINDS = CALENDAR_DAY_KINDS;
export type PatrolDayKind = CalendarDayKind;

export const FINDING_STATUSES = ['open', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const NOTICE_STATUSES = ['open', 'closed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Wall alert kinds the patrol feature raises. */
export const PATROL_ALERT_KINDS = {
  roundOverdue: 'patrol.round.overdue',
  roundMissed: 'patrol.round.missed',
  noticeDueSoon: 'notice.due_soon',
  noticeOverdue: 'notice.overdue',
} as const;

/** Rectification items the round alerts and the notice alerts bear on (docs/contracts/indicators.md). */
export const ROUND_ALERT_ITEMS = [47];
export const NOTICE_ALERT_ITEMS = [9, 47];

export const PATROL_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PATROL_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PatrolPhotoType = (typeof PATROL_PHOTO_TYPES)[number];

/** The deadlines the patrol page offers for a notice, in working days after today (today's own is offered too). */
export const NOTICE_WORKING_DAYS = [1, 3, 5, 7] as const;

/** A notice's deadline lies between an hour and this many days after it is issued. */
export const NOTICE_MAX_DAYS = 60;

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface PatrolCheckpointView {
  code: string;
  label: LocalizedText;
  /** Rectification item numbers the checkpoint verifies. */
  items: number[];
  /** Points a confirmed violation at this checkpoint costs the department. */
  deductPoints: number;
  position: number;
  active: boolean;
}

export interface PatrolCheckView {
  eventId: string;
  checkpoint: string;
  result: 'ok' | 'finding';
  department: string | null;
  window: string | null;
  severity: 'low' | 'medium' | 'high' | null;
  note: string | null;
  occurredAt: string;
  /** Whether the code sent with the check was the checkpoint's code when it arrived. */
  confirmed: boolean;
}

export interface PatrolRoundView {
  /** The round id the round.* events carry, e.g. "2024-07-15-1". */
  code: string;
  day: string;
  slot: number;
  time: string;
  dueAt: string;
  overdueAt: string;
  missedAt: string;
  state: RoundState;
  startedAt: string | null;
  startedBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  checks: PatrolCheckView[];
  /** Why a completed round is 存疑 (state doubtful); empty otherwise. */
  doubts: RoundDoubt[];
}

/** A checkpoint's code as the admin's printable sheet shows it (never sent to the phone page). */
export interface PatrolCheckpointCodeView {
  code: string;
  label: LocalizedText;
  scanCode: string;
  /** When the code took over from a rotated one; null for the checkpoint's first code. */
  since: string | null;
  /** The text the checkpoint's QR code holds. */
  payload: string;
  /** That QR code as a PNG data URL, ready to print. */
  qr: string;
}

export interface PatrolTodayView {
  site: { code: string; name: string; nameEn: string | null; timezone: string };
  day: string;
  /** The server's clock: the page dates its records by it, so a phone with a wrong clock still files them right. */
  serverTime: string;
  /** The hall's offset from UTC today, for computing hall-local deadlines offline. */
  utcOffsetMinutes: number;
  enabled: boolean;
  workingDay: boolean;
  /**
   * The next working days after today by the hall's working calendar (holidays off, 调休
   * days worked), so that a notice written offline is due on a day the department works.
   */
  nextWorkingDays: string[];
  rounds: PatrolRoundView[];
  /** The site's rules for a round really walked: how early it may start, how long it must take at least. */
  walkRules: { windowLeadMin: number; minDurationSec: number };
  checkpoints: PatrolCheckpointView[];
  departments: Array<{ code: string; name: string; nameEn: string | null }>;
  windows: Array<{ code: string; number: number | null; department: string | null }>;
}

export interface PatrolScheduleView {
  site: string;
  enabled: boolean;
  times: string[];
  weekdays: number[];
  overdueAfterMin: number;
  missedAfterMin: number;
}

export interface PatrolCalendarDayView {
  day: string;
  kind: PatrolDayKind;
  name: string | null;
}

export interface PatrolFindingView {
  id: string;
  checkEventId: string;
  round: string;
  day: string;
  checkpoint: string;
  items: number[];
  department: string | null;
  window: string | null;
  severity: 'low' | 'medium' | 'high' | null;
  note: string | null;
  occurredAt: string;
  status: FindingStatus;
  resolvedAt: string | null;
  resolution: string | null;
  hasPhoto: boolean;
  violation: { points: number; month: string } | null;
  notice: string | null;
}

/** What a notice's finding came from: a patrol round, or a visit to a town centre or village (addressed to the town). */
export type NoticeSource = 'patrol' | 'visit';

export interface PatrolNoticeView {
  id: string;
  clientId: string;
  finding: string;
  /** The department addressed; for a visit's notice, the town centre's site code. */
  department: string;
  source: NoticeSource;
  text: string | null;
  issuedAt: string;
  issuedBy: string;
  deadline: string;
  remindAt: string;
  status: NoticeStatus;
  overdue: boolean;
  remindedAt: string | null;
  escalatedAt: string | null;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  items: number[];
  /** Points the notice's finding cost its department, once confirmed as a violation; null before. */
  deduction: number | null;
  /** 文号, e.g. 某某政务服务中心督告〔2026〕3号; null only for a notice issued before numbering began. */
  number: string | null;
  /** The office accepted the department's reply (验收). */
  acceptedAt: string | null;
  acceptedBy: string | null;
  /** Who escalated it: null when the deadline job did (or it is not escalated). */
  escalatedBy: string | null;
  escalationNote: string | null;
}

/** What the patrol page sends to issue a notice; `id` is chosen by the page, so a resend is not a second notice. */
export interface PatrolNoticeInput {
  id: string;
  /** The id of the round.check event that recorded the finding. */
  check: string;
  department: string;
  deadline: string;
  text?: string | null;
}

/** The events the patrol page sends to `POST /api/v1/patrol/sites/:site/events`. */
export type PatrolRoundEvent = HallEvent<'round.started'> | HallEvent<'round.check'> | HallEvent<'round.completed'>;

export interface PatrolDeductionView {
  id: string;
  finding: string;
  department: string;
  month: string;
  points: number;
  reason: string | null;
  items: number[];
  confirmedAt: string;
  confirmedBy: string;
}

/** One row of the monthly assessment table: a department's deductions in a month. */
export interface PatrolDeductionRow {
  month: string;
  department: string;
  departmentName: string | null;
  points: number;
  count: number;
}
