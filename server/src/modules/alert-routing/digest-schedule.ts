import type { DigestKind, HallHours } from '@hallwatch/shared';
import type { CalendarExceptions } from '../../core/time/working-calendar';
import { addDays, isoWeekday, localDay, zonedInstant } from '../../core/time/zoned-time';

/** One digest to send: the hall days it covers and when it falls due. */
export interface DigestOccasion {
  kind: DigestKind;
  from: string;
  to: string;
  at: Date;
}

// A digest that could not go at its time (the worker down, Redis away) still goes within this long; later it is stale news.
export const DIGEST_CATCH_UP_MS = 12 * 3600_000;

/** Whether the hall opens on the day: the calendar's word first (holiday, 调休), then its weekdays. */
export function opensOn(day: string, hours: HallHours, calendar: CalendarExceptions): boolean {
  const kind = calendar.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return hours.weekdays.includes(isoWeekday(day) % 7);
}

/**
 * The digest of a hall day or week: daily at closing time on the days it opens, covering that day;
 * weekly on Monday at opening time, covering the week before (Monday to Sunday).
 */
export function occasionOf(
  kind: DigestKind,
  day: string,
  hours: HallHours,
  timeZone: string,
  calendar: CalendarExceptions,
): DigestOccasion | null {
  if (kind === 'daily')
    return opensOn(day, hours, calendar) ? { kind, from: day, to: day, at: zonedInstant(day, hours.closes, timeZone) } : null;
  if (isoWeekday(day) !== 1) return null;
  return { kind, from: addDays(day, -7), to: addDays(day, -1), at: zonedInstant(day, hours.opens, timeZone) };
}

/** The occasions whose time has come and that are still fresh enough to send. */
export function dueOccasions(
  kind: DigestKind,
  now: Date,
  hours: HallHours,
  timeZone: string,
  calendar: CalendarExceptions,
): DigestOccasion[] {
  const today = localDay(now, timeZone);
  return [addDays(today, -1), today]
    .map((d) => occasionOf(kind, d, hours, timeZone, calendar))
    .filter((o): o is DigestOccasion => o !== null && o.at <= now && now.getTime() - o.at.getTime() < DIGEST_CATCH_UP_MS);
}

/** The next occasion after now, within a fortnight (a long holiday closes the hall for up to nine days). */
export function nextOccasion(
  kind: DigestKind,
  now: Date,
  hours: HallHours,
  timeZone: string,
  calendar: CalendarExceptions,
): DigestOccasion | null {
  const today = localDay(now, timeZone);
  for (let i = 0; i <= 14; i++) {
    const o = occasionOf(kind, addDays(today, i), hours, timeZone, calendar);
    if (o && o.at > now) return o;
  }
  return null;
}
