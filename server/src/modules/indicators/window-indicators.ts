import { IndicatorValues } from '@hallwatch/shared';
import { serviceDay } from '../../core/time/service-day';
import { imbalance, ratio } from './indicator-math';
import { RegistryFacts } from './registry-facts';
import { fact } from './sql';

/** A staff member signed in at a window today (on post or away). */
export interface PresenceFact {
  staff: string;
  window: string;
  state: 'on_post' | 'away';
  reason: string | null;
  since: Date;
  /** The department owning the window (registry); null for a window the registry lacks. */
  department: string | null;
}

export const ROSTER_LOOKBACK_DAYS = 30;

export interface PresenceRow {
  staff: string;
  window: string;
  state: 'on_post' | 'away';
  reason: string | null;
  since: string | Date;
}

export const PRESENCE_QUERY = fact<PresenceRow>(
  `SELECT staff, "window", state, reason, since FROM staff_presence
   WHERE site_id = $1::uuid AND state IN ('on_post', 'away')`,
  ['staff', 'window', 'state', 'reason', 'since'],
);

// A sign-in left over from an earlier day (nobody signed out last night) does not staff a
// window this morning: presence counts only when its latest change is on today's service day.
export function presenceFrom(rows: PresenceRow[], day: string, timeZone: string, registry: RegistryFacts): PresenceFact[] {
  return rows
    .map((r) => ({ ...r, since: new Date(r.since) }))
    .filter((r) => serviceDay(r.since, timeZone) === day)
    .map((r) => ({ ...r, department: registry.windows.get(r.window)?.department ?? null }));
}

/**
 * When an away staff member became "away unregistered": at once for reason `unregistered`,
 * or when a break outlasts the allowed break. Official business and meetings are
 * registered absences and never count. Null while the absence is in order.
 */
export function awayBreachSince(p: Pick<PresenceFact, 'state' | 'reason' | 'since'>, now: Date, allowedBreakSec: number): Date | null {
  if (p.state !== 'away') return null;
  if (p.reason === 'unregistered') return p.since;
  if (p.reason !== 'break' && p.reason !== null) return null;
  const due = new Date(p.since.getTime() + allowedBreakSec * 1000);
  return now.getTime() > due.getTime() ? due : null;
}

interface Group {
  open: Set<string>;
  onPost: number;
  awayUnregistered: number;
  roster: number;
  rosterSeen: number;
}

const emptyGroup = (): Group => ({ open: new Set(), onPost: 0, awayUnregistered: 0, roster: 0, rosterSeen: 0 });

export interface WindowStaffResult {
  site: IndicatorValues;
  departments: Map<string, IndicatorValues>;
}

/** windows.*, staff.* and roster.presence for the site and per department. */
export function windowStaffValues(
  presence: PresenceFact[],
  registry: RegistryFacts,
  windowTickets: Map<string, { done: number; busy: boolean }>,
  now: Date,
  allowedBreakSec: number,
): WindowStaffResult {
  const site = emptyGroup();
  const groups = new Map<string, Group>();
  const group = (d: string) => {
    let g = groups.get(d);
    if (!g) groups.set(d, (g = emptyGroup()));
    return g;
  };
  for (const p of presence) {
    const targets = p.department === null ? [site] : [site, group(p.department)];
    for (const g of targets) {
      g.open.add(p.window);
      if (p.state === 'on_post') g.onPost++;
      if (awayBreachSince(p, now, allowedBreakSec)) g.awayUnregistered++;
    }
  }
  const seenAfter = now.getTime() - ROSTER_LOOKBACK_DAYS * 86_400_000;
  for (const s of registry.staff.values()) {
    if (!s.onRoster) continue;
    const seen = s.lastSignedInAt !== null && s.lastSignedInAt.getTime() >= seenAfter;
    const targets = s.department === null ? [site] : [site, group(s.department)];
    for (const g of targets) {
      g.roster++;
      if (seen) g.rosterSeen++;
    }
  }
  const values = (g: Group, withImbalance: boolean): IndicatorValues => {
    const open = [...g.open];
    const serving = open.filter((w) => windowTickets.get(w)?.busy === true).length;
    return {
      'windows.open': open.length,
      'windows.serving': serving,
      'windows.idle': open.length - serving,
      ...(withImbalance ? { 'windows.imbalance': imbalance(open.map((w) => windowTickets.get(w)?.done ?? 0)) } : {}),
      'staff.on_post': g.onPost,
      'staff.away.unregistered': g.awayUnregistered,
      'roster.presence': ratio(g.rosterSeen, g.roster),
    };
  };
  const departments = new Map<string, IndicatorValues>();
  for (const [code, g] of groups) departments.set(code, values(g, true));
  return { site: values(site, false), departments };
}
