import { AbsenceKind, IndicatorValues } from '@hallwatch/shared';
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
  /** While away: the approved register entry that covers the absence (absence-register.ts), if any. */
  cover?: PresenceCover | null;
}

export interface PresenceCover {
  id: string;
  kind: AbsenceKind;
  /** Where the cover ends: an absence lasting past it is unregistered from then on. */
  until: Date;
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
 * Why an absence counts as unregistered: declared so (`walked_off`); declared official business
 * or a meeting that no approved outing covers (`outing_unregistered`); a break past the allowed
 * break (`break_overrun`); an absence lasting past the end of the approved entry that covered it
 * (`cover_ended`).
 */
export type AwayBreachKind = 'walked_off' | 'outing_unregistered' | 'break_overrun' | 'cover_ended';

export interface AwayBreach {
  kind: AwayBreachKind;
  since: Date;
}

/**
 * When and why an away staff member became "away unregistered" (docs/contracts/absences.md):
 * an absence the register covers is in order until its cover ends; otherwise a declared outing
 * or meeting needs an approved entry and counts at once without one, as a walk-off does, and a
 * break counts once it outlasts the allowed break. Null while the absence is in order.
 */
export function awayBreach(
  p: Pick<PresenceFact, 'state' | 'reason' | 'since' | 'cover'>,
  now: Date,
  allowedBreakSec: number,
): AwayBreach | null {
  if (p.state !== 'away') return null;
  if (p.cover) return now.getTime() > p.cover.until.getTime() ? { kind: 'cover_ended', since: p.cover.until } : null;
  if (p.reason === 'unregistered') return { kind: 'walked_off', since: p.since };
  if (p.reason === 'official_business' || p.reason === 'meeting') return { kind: 'outing_unregistered', since: p.since };
  const due = new Date(p.since.getTime() + allowedBreakSec * 1000);
  return now.getTime() > due.getTime() ? { kind: 'break_overrun', since: due } : null;
}

/** Since when an away staff member has been "away unregistered"; null while the absence is in order. */
export function awayBreachSince(
  p: Pick<PresenceFact, 'state' | 'reason' | 'since' | 'cover'>,
  now: Date,
  allowedBreakSec: number,
): Date | null {
  return awayBreach(p, now, allowedBreakSec)?.since ?? null;
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
  /** Whether approved leave of the staff member falls within the roster look-back. */
  onLeave: (staff: string) => boolean = () => false,
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
    // Approved leave in the look-back explains an absence from the roster as a sign-in would (请假, not missing).
    const seen = (s.lastSignedInAt !== null && s.lastSignedInAt.getTime() >= seenAfter) || onLeave(s.code);
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
