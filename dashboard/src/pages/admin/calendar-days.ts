import type { CalendarDayKind, CalendarDayView } from '@hallwatch/shared';

// Calendar arithmetic on YYYY-MM-DD strings, in UTC so that no browser's zone shifts a day.

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (day: string, n: number): string => iso(new Date(utc(day).getTime() + n * 86_400_000));

/** ISO weekday, Monday 1 … Sunday 7. */
export const isoWeekday = (day: string): number => utc(day).getUTCDay() || 7;

/** The site's calendar day of a moment. */
export const dayIn = (timeZone: string, at = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** "YYYY-MM" moved by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return iso(d).slice(0, 7);
}

/** The days a month's grid shows: whole weeks, Monday first, from the week of the 1st to the week of the last. */
export function monthGrid(month: string): string[] {
  const first = `${month}-01`;
  const last = addDays(`${addMonths(month, 1)}-01`, -1);
  const start = addDays(first, 1 - isoWeekday(first));
  const end = addDays(last, 7 - isoWeekday(last));
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

/** How a day counts: worked or not by the week, unless the calendar says otherwise (the site's own entry first). */
export type DayState = 'work' | 'rest' | CalendarDayKind;

export function dayState(day: string, entry: CalendarDayView | undefined): DayState {
  if (entry) return entry.kind;
  return isoWeekday(day) >= 6 ? 'rest' : 'work';
}

/** The entry that counts on each day: the site's own over the one for every site. */
export function effectiveEntries(entries: CalendarDayView[]): Map<string, CalendarDayView> {
  const out = new Map<string, CalendarDayView>();
  for (const e of entries) if (e.site === null) out.set(e.day, e);
  for (const e of entries) if (e.site !== null) out.set(e.day, e);
  return out;
}

/** Consecutive days of one name, kind and scope, as one line of the list (国庆节 10-01 … 10-07). */
export interface EntryRun {
  from: string;
  to: string;
  days: string[];
  kind: CalendarDayKind;
  name: string;
  site: string | null;
}

export function entryRuns(entries: CalendarDayView[]): EntryRun[] {
  const sorted = [...entries].sort((a, b) => (a.site ?? '').localeCompare(b.site ?? '') || a.day.localeCompare(b.day));
  const runs: EntryRun[] = [];
  for (const e of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.site === e.site && last.kind === e.kind && last.name === e.name && addDays(last.to, 1) === e.day) {
      last.to = e.day;
      last.days.push(e.day);
    } else runs.push({ from: e.day, to: e.day, days: [e.day], kind: e.kind, name: e.name, site: e.site });
  }
  return runs.sort((a, b) => a.from.localeCompare(b.from) || (a.site ?? '').localeCompare(b.site ?? ''));
}
