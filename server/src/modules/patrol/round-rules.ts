import { ROUND_MISSED_AFTER_MIN, ROUND_OVERDUE_AFTER_MIN, RoundState } from '@hallwatch/shared';
import { zonedInstant } from '../../core/time/zoned-time';

// The rules of SPEC §6 as pure functions, so the scheduler, the event projection and the
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
  if (r.completedAt && r.completedAt < r.missedAt) return 'done';
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
