// Hall-local calendar arithmetic, for every feature that judges time in the site's zone:
// patrol round times and monthly assessments, 好差评 deadlines and heatmap hours,
// rectification look-back days. Days are YYYY-MM-DD strings, as date columns hold them;
// times of day are HH:MM on the hall's wall clock.
import { serviceDay } from './service-day';

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
}

/** The hall-local date of an instant: the service day. */
export const localDay = serviceDay;

/** The hall-local hour (0–23) of an instant. */
export function localHour(at: Date, timeZone: string): number {
  return wallClock(at, timeZone).h;
}

/** The hall-local month (YYYY-MM) of an instant, for monthly assessments. */
export function localMonth(at: Date, timeZone: string): string {
  return localDay(at, timeZone).slice(0, 7);
}

function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** Minutes the zone's wall clock is ahead of UTC at `at` (480 for Asia/Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  return Math.round(offsetMs(at, timeZone) / 60_000);
}

/** The instant at which the zone's wall clock shows `day` at `hh:mm`. */
export function zonedInstant(day: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const first = wall - offsetMs(new Date(wall), timeZone);
  // A second pass settles the offset on the far side of a daylight-saving change.
  return new Date(wall - offsetMs(new Date(first), timeZone));
}

export function addDays(day: string, n: number): string {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const [y, mo, d] = day.split('-').map(Number);
  return ((new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, mo, d] = s.split('-').map(Number);
    return Date.UTC(y, mo - 1, d);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** A wall-clock time of day, 00:00–23:59. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const CALENDAR_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date written YYYY-MM-DD (2024-02-30 is refused). */
export function isCalendarDay(s: unknown): s is string {
  // The pattern first: Date throws on a month 13 rather than answering.
  if (typeof s !== 'string' || !CALENDAR_DAY.test(s)) return false;
  const [y, mo, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
