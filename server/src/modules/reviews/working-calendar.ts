import type { CalendarDayKind } from '@hallwatch/shared';
import { addDays, isoWeekday, localDay, zonedInstant } from '../../core/time/zoned-time';

/** A site's exceptions to Monday–Friday, by date. */
export type CalendarExceptions = ReadonlyMap<string, CalendarDayKind>;

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const kind = exceptions.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return isoWeekday(day) <= 5;
}

// A calendar with a year of holidays and nothing else still ends; a broken one must not hang.
const MAX_SCAN_DAYS = 400;

/** The n-th working day after `day` (n ≥ 1). */
export function nthWorkingDayAfter(day: string, n: number, exceptions: CalendarExceptions): string {
  let d = day;
  for (let found = 0, scanned = 0; found < n;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, exceptions)) found++;
    if (++scanned > MAX_SCAN_DAYS) throw new Error(`no ${n} working days within ${MAX_SCAN_DAYS} days of ${day}: check the calendar`);
  }
  return d;
}

/**
 * "Within n working days" of an instant: until the end (24:00, hall time) of the n-th
 * working day after the day it happened. A review left on Friday at 16:00 before a long
 * holiday is due at the end of the first working day after the holiday.
 */
export function workingDeadline(openedAt: Date, n: number, timeZone: string, exceptions: CalendarExceptions): Date {
  const due = nthWorkingDayAfter(localDay(openedAt, timeZone), n, exceptions);
  return zonedInstant(addDays(due, 1), '00:00', timeZone);
}

/** The hall-local date on which a deadline falls due (the last day before it, as a person reads it). */
export function deadlineDay(deadline: Date, timeZone: string): string {
  return localDay(new Date(deadline.getTime() - 1), timeZone);
}

/** When to remind: the morning of the last day (09:00 hall time). */
export function reminderAt(deadline: Date, timeZone: string): Date {
  return zonedInstant(deadlineDay(deadline, timeZone), '09:00', timeZone);
}

/** The span of dates a deadline computation may look at, so the calendar is read once. */
export function calendarSpan(openedDay: string, workingDays: number): { from: string; to: string } {
  // Long holidays (Spring Festival: 9 days off) and weekends: three calendar weeks per working week is ample.
  return { from: openedDay, to: addDays(openedDay, Math.max(30, workingDays * 3 + 21)) };
}
