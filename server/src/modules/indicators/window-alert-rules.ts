import { CalendarDayKind, HallHours, IMBALANCE_MIN_SERVED_PER_WINDOW, LunchBreak } from '@hallwatch/shared';
import { isWorkingDay } from '../../core/time/working-calendar';
import { zonedInstant } from '../../core/time/zoned-time';
import { imbalance } from './indicator-math';
import { fact } from './sql';

// The rules behind the unattended-window (item 47) and imbalance (item 22) alerts, apart from
// SQL and wording so that they can be read and unit-tested in one place (docs/contracts/indicators.md).

/** Today's exception in the working calendar, the site's own over the one for every site. Parameters: $1 site, $2 day. */
export const CALENDAR_DAY_QUERY = fact<{ kind: CalendarDayKind }>(
  `SELECT kind FROM calendar_days WHERE scope IN ('*', $1::uuid::text) AND day = $2::date ORDER BY scope = '*' LIMIT 1`,
  ['kind'],
);

/** When the hall is open on one service day; null on a day it is closed. */
export interface Opening {
  opensAt: Date;
  closesAt: Date;
  lunch: { from: Date; to: Date } | null;
}

/**
 * The opening of `day`: the weekly hours, overruled by the working calendar (a public holiday
 * closes the hall, a 调休 weekend opens it at the usual times).
 */
export function openingOn(
  day: string,
  timeZone: string,
  hours: HallHours,
  lunchBreak: LunchBreak | null,
  calendar: CalendarDayKind | null,
): Opening | null {
  // The hours count Sunday as 0, the calendar's weekdays are ISO (Sunday 7).
  const isoDays = hours.weekdays.map((d) => (d === 0 ? 7 : d));
  if (!isWorkingDay(day, new Map(calendar ? [[day, calendar]] : []), isoDays)) return null;
  return {
    opensAt: zonedInstant(day, hours.opens, timeZone),
    closesAt: zonedInstant(day, hours.closes, timeZone),
    lunch: lunchBreak ? { from: zonedInstant(day, lunchBreak.from, timeZone), to: zonedInstant(day, lunchBreak.to, timeZone) } : null,
  };
}

const later = (a: Date, b: Date | null | undefined): Date => (b && b > a ? b : a);

/**
 * Since when a window nobody is signed in at has stood unattended in opening hours: from the
 * opening, the end of the midday break or the window's last sign-out today, whichever is latest.
 * Null outside opening hours and during the break, when a window may stand closed.
 */
export function unattendedSince(opening: Opening | null, lastSignedOutAt: Date | null | undefined, now: Date): Date | null {
  if (!opening || now < opening.opensAt || now >= opening.closesAt) return null;
  const lunch = opening.lunch;
  if (lunch && now >= lunch.from && now < lunch.to) return null;
  const since = later(opening.opensAt, lunch && now >= lunch.to ? lunch.to : null);
  return later(since, lastSignedOutAt);
}

/** A window's completions today, as the imbalance counts them. */
export interface WindowLoad {
  window: string;
  done: number;
}

/**
 * Whether a department's open windows are out of balance enough to alert: their imbalance is
 * above `max`, and they have completed enough for it to mean something (on average
 * IMBALANCE_MIN_SERVED_PER_WINDOW each; one ticket against none is not 忙闲不均).
 */
export function imbalanceBreached(loads: readonly number[], max: number): boolean {
  const value = imbalance([...loads]);
  const total = loads.reduce((a, b) => a + b, 0);
  return value !== null && total >= IMBALANCE_MIN_SERVED_PER_WINDOW * loads.length && value > max;
}

/**
 * Since when the imbalance has stood above `max`: today's completions at the department's open
 * windows replayed in time order, the moment after which every state was breached up to now.
 * Null when the completions do not breach it now.
 */
export function imbalanceSince(windows: readonly string[], completions: ReadonlyMap<string, readonly Date[]>, max: number): Date | null {
  const count = new Map(windows.map((w) => [w, 0]));
  const all = windows.flatMap((w) => (completions.get(w) ?? []).map((at) => ({ w, at: at.getTime() }))).sort((a, b) => a.at - b.at);
  let since: number | null = null;
  for (let i = 0; i < all.length;) {
    const at = all[i].at;
    // Completions at one instant land together: no state between them ever stood.
    for (; i < all.length && all[i].at === at; i++) count.set(all[i].w, count.get(all[i].w)! + 1);
    const breached = imbalanceBreached([...count.values()], max);
    if (!breached) since = null;
    else if (since === null) since = at;
  }
  return since === null ? null : new Date(since);
}

/** The busiest and the idlest of a department's open windows, by completions today (ties: the lower code). */
export function busiestAndIdlest(loads: readonly WindowLoad[]): { busiest: WindowLoad; idlest: WindowLoad } {
  const sorted = [...loads].sort((a, b) => b.done - a.done || a.window.localeCompare(b.window));
  const idlest = [...loads].sort((a, b) => a.done - b.done || a.window.localeCompare(b.window))[0];
  return { busiest: sorted[0], idlest };
}

/** Each department's open windows (someone signed in, on post or away) with their completions today, as `windows.imbalance` counts them. */
export function departmentLoads(
  presence: ReadonlyArray<{ window: string; department: string | null }>,
  windowTickets: ReadonlyMap<string, { done: number }>,
): Map<string, WindowLoad[]> {
  const open = new Map<string, Set<string>>();
  for (const p of presence) if (p.department !== null) open.set(p.department, (open.get(p.department) ?? new Set()).add(p.window));
  return new Map([...open].map(([d, ws]) => [d, [...ws].sort().map((w) => ({ window: w, done: windowTickets.get(w)?.done ?? 0 }))]));
}

/** The windows whose completion times the imbalance alerts need: those of every department breaching `max`. */
export function imbalancedWindows(loads: ReadonlyMap<string, readonly WindowLoad[]>, max: number): string[] {
  return [...loads.values()]
    .filter((l) =>
      imbalanceBreached(
        l.map((x) => x.done),
        max,
      ),
    )
    .flatMap((l) => l.map((x) => x.window));
}

/** Today's completion times at the given windows. Parameters: $1 site, $2 day, $3 windows. */
export const COMPLETIONS_SQL = `SELECT "window", ended_at FROM tickets
  WHERE site_id = $1::uuid AND service_day = $2::date AND status = 'done' AND "window" = ANY($3::varchar[]) AND ended_at IS NOT NULL`;
