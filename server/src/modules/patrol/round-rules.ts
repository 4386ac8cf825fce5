import { ROUND_MISSED_AFTER_MIN, ROUND_OVERDUE_AFTER_MIN, RoundDoubt, RoundState } from '@hallwatch/shared';
import { zonedInstant } from '../../core/time/zoned-time';

// The rules of docs/contracts/patrol.md as pure functions, so the scheduler, the event projection and the
// tests all judge a round the same way.

export type RoundStep = 'due' | 'overdue' | 'missed';
export const ROUND_STEPS: readonly RoundStep[] = ['due', 'overdue', 'missed'];

export interface RoundTimes {
  dueAt: Date;
  overdueAt: Date;
  missedAt: Date;
}

export interface RoundFacts extends RoundTimes {
  startedAt: Date | null;
  completedAt: Date | null;
  /** Why the completed round is not counted (see roundDoubts); a round with any is 存疑. */
  doubts?: RoundDoubt[] | null;
}

export interface PlannedRound extends RoundTimes {
  slot: number;
  time: string;
  code: string;
}

const MINUTE = 60_000;

export function roundTimes(dueAt: Date): RoundTimes {
  return {
    dueAt,
    overdueAt: new Date(dueAt.getTime() + ROUND_OVERDUE_AFTER_MIN * MINUTE),
    missedAt: new Date(dueAt.getTime() + ROUND_MISSED_AFTER_MIN * MINUTE),
  };
}

/** The round id the round.* events carry: the day and the slot, readable in the events table. */
export const roundCode = (day: string, slot: number): string => `${day}-${slot}`;

/**
 * A round's state at `now` from when it was started and completed (as the events say, not
 * when they arrived): a completion that happened before the deadline counts even if the
 * phone was offline until after it.
 */
export function roundState(r: RoundFacts, now: Date): RoundState {
  const t = now.getTime();
  if (r.completedAt && r.completedAt < r.missedAt) return r.doubts?.length ? 'doubtful' : 'done';
  if (t >= r.missedAt.getTime() || r.completedAt) return 'missed';
  if (r.startedAt) return 'in_progress';
  if (t >= r.overdueAt.getTime()) return 'overdue';
  if (t >= r.dueAt.getTime()) return 'due';
  return 'scheduled';
}

/** The steps that have happened by `now`: each is logged once and is what the jobs announce. */
export function stepsReached(r: RoundFacts, now: Date): RoundStep[] {
  const t = now.getTime();
  const out: RoundStep[] = [];
  if (t >= r.dueAt.getTime()) out.push('due');
  if (t >= r.overdueAt.getTime() && !(r.startedAt && r.startedAt < r.overdueAt) && !(r.completedAt && r.completedAt < r.overdueAt))
    out.push('overdue');
  if (t >= r.missedAt.getTime() && !(r.completedAt && r.completedAt < r.missedAt)) out.push('missed');
  return out;
}

/** When a step falls due; null once it can no longer happen (the round was started or completed in time). */
export function stepAt(r: RoundFacts, step: RoundStep): Date | null {
  if (step === 'due') return r.dueAt;
  if (r.completedAt && r.completedAt < r.missedAt) return null;
  if (step === 'overdue') return r.startedAt ? null : r.overdueAt;
  return r.missedAt;
}

export interface WalkRules {
  /** Minutes before its time a round may be started. */
  leadMin: number;
  minDurationSec: number;
}

export interface WalkedCheck {
  checkpoint: string;
  confirmed: boolean;
  /** When the check was taken, by the device's clock: an offline check keeps its own time. */
  at: Date;
}

/**
 * What is wrong with a completed round (docs/contracts/patrol.md, "A round really walked"):
 * started outside its window (from `leadMin` before its time until it goes overdue), a
 * checkpoint of the checklist never confirmed with its code, a check dated outside the round
 * (before its start or the window's opening, after its completion or the window's end), or
 * walked faster than the minimum. Empty when the round was really walked, and for a round not
 * completed yet.
 */
export function roundDoubts(r: RoundFacts, checklist: string[], checks: WalkedCheck[], rules: WalkRules): RoundDoubt[] {
  if (!r.completedAt) return [];
  const out: RoundDoubt[] = [];
  const opensAt = new Date(r.dueAt.getTime() - rules.leadMin * MINUTE);
  if (!r.startedAt || r.startedAt < opensAt || r.startedAt >= r.overdueAt)
    out.push({ reason: 'outside_window', opensAt: opensAt.toISOString(), closesAt: r.overdueAt.toISOString() });
  const confirmed = new Set(checks.filter((c) => c.confirmed).map((c) => c.checkpoint));
  const tried = new Set(checks.map((c) => c.checkpoint));
  const missing = checklist.filter((cp) => !tried.has(cp));
  const wrong = checklist.filter((cp) => tried.has(cp) && !confirmed.has(cp));
  if (missing.length) out.push({ reason: 'missing_checkpoint', checkpoints: missing });
  if (wrong.length) out.push({ reason: 'wrong_code', checkpoints: wrong });
  // A check taken before the walk began or after it ended was not taken on this walk, whatever
  // its code says: codes collected beforehand, or typed in afterwards, prove nothing.
  const from = r.startedAt && r.startedAt > opensAt ? r.startedAt : opensAt;
  const to = r.completedAt < r.missedAt ? r.completedAt : r.missedAt;
  const outside = checks
    .filter((c) => c.at < from || c.at > to || c.at >= r.missedAt)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.checkpoint < b.checkpoint ? -1 : 1));
  if (outside.length)
    out.push({
      reason: 'check_outside_round',
      checkpoints: [...new Set(outside.map((c) => c.checkpoint))],
      checks: outside.map((c) => ({ checkpoint: c.checkpoint, at: c.at.toISOString() })),
      from: from.toISOString(),
      to: to.toISOString(),
    });
  const seconds = r.startedAt ? Math.floor((r.completedAt.getTime() - r.startedAt.getTime()) / 1000) : 0;
  if (seconds < rules.minDurationSec) out.push({ reason: 'too_short', seconds, minSeconds: rules.minDurationSec });
  return out;
}

export function planDay(day: string, times: string[], timeZone: string): PlannedRound[] {
  return [...times]
    .sort()
    .map((time, i) => ({ slot: i + 1, time, code: roundCode(day, i + 1), ...roundTimes(zonedInstant(day, time, timeZone)) }));
}

const HOUR = 3_600_000;

/**
 * When to remind a department of a notice: a day before its deadline, or halfway there
 * when the deadline is closer than two days, so that a short deadline still gets a warning.
 */
export function noticeRemindAt(issuedAt: Date, deadline: Date): Date {
  const span = deadline.getTime() - issuedAt.getTime();
  const lead = Math.min(24 * HOUR, Math.floor(span / 2));
  return new Date(deadline.getTime() - Math.max(0, lead));
}
