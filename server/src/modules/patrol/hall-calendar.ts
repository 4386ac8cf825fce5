// Hall-local calendar arithmetic for round times and notice deadlines. Days are
// YYYY-MM-DD strings (as date columns hold them); times are HH:MM on the hall's wall clock.

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
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
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone's wall clock is ahead of UTC at `at` (480 for Asia/Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant the zone's wall clock reads `hhmm` on `day`. */
export function hallInstant(day: string, hhmm: string, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const guess = wall - utcOffsetMinutes(new Date(wall), timeZone) * 60_000;
  // Asked again at the guess: right on both sides of a daylight-saving change.
  return new Date(wall - utcOffsetMinutes(new Date(guess), timeZone) * 60_000);
}

export function addDays(day: string, n: number): string {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  const [y, mo, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDay() || 7;
}

/** The hall-local month (YYYY-MM) of an instant, for monthly assessments. */
export function hallMonth(at: Date, timeZone: string): string {
  const offset = utcOffsetMinutes(at, timeZone);
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 7);
}

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const CALENDAR_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date (rejects 2024-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!CALENDAR_DAY.test(value)) return false;
  const [y, mo, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
