// The hall's working days: a weekly pattern, overruled day by day by the site's calendar
// (public holidays off, weekend days worked in exchange — 调休). Patrol plans rounds on
// working days; 好差评 counts follow-up deadlines in them.
import type { CalendarDayKind } from '@hallwatch/shared';
import { addDays, isoWeekday, localDay, zonedInstant } from './zoned-time';

/** A site's exceptions to its weekly pattern, by date. */
export type CalendarExceptions = ReadonlyMap<string, CalendarDayKind>;

/** ISO weekdays (Monday 1) worked when the calendar says nothing: the civil-service week. */
export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

/** The calendar's word first, then the weekly pattern. */
export function isWorkingDay(day: string, exceptions: CalendarExceptions, weekdays: readonly number[] = MONDAY_TO_FRIDAY): boolean {
  const kind = exceptions.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return weekdays.includes(isoWeekday(day));
}

// A calendar with a year of holidays and nothing else still ends; a broken one must not hang.
const MAX_SCAN_DAYS = 400;

/** The n-th working day after `day` (n ≥ 1). */
export function nthWorkingDayAfter(
  day: string,
  n: number,
  exceptions: CalendarExceptions,
  weekdays: readonly number[] = MONDAY_TO_FRIDAY,
): string {
  let d = day;
  for (let found = 0, scanned = 0; found < n;) {
    d = addDays(d, 1);
    if (isWorkingDay(d, exceptions, weekdays)) found++;
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
