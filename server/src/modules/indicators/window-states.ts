import { isLeaveKind, WindowState, WindowStateKind } from '@hallwatch/shared';
import { RegistryFacts } from './registry-facts';
import { fact, FactQuery } from './sql';
import { awayBreachSince, PresenceFact } from './window-indicators';

/** What the windows did today, beyond who is at them now: the moments their states began. */
export interface WindowActivity {
  /** Per window: start of the ticket it is calling or serving now (service start, else the last call). */
  busySince: Map<string, Date>;
  /** Per window: the latest end of a ticket there today. */
  lastEndedAt: Map<string, Date>;
  /** Per window: the latest sign-out there today. */
  lastSignedOutAt: Map<string, Date>;
  /** The first sign-in of the day anywhere in the hall: from then on an open window is expected to be staffed. */
  dayStartedAt: Date | null;
}

export const NO_ACTIVITY: WindowActivity = {
  busySince: new Map(),
  lastEndedAt: new Map(),
  lastSignedOutAt: new Map(),
  dayStartedAt: null,
};

export interface ActivityRows {
  windowsBusy: Array<{ window: string; busy_since: string | Date | null }>;
  windowsLastEnded: Array<{ window: string; ended: string | Date | null }>;
  signs: Array<{ window: string | null; type: string; first: string | Date; last: string | Date }>;
}

// Bounded by the windows, not by the day's tickets: the tickets at a window now, and each
// window's last end through the partial index on finished tickets; sign-ins and sign-outs
// are a few per member of staff a day.
export const ACTIVITY_QUERIES: Record<keyof ActivityRows, FactQuery> = {
  windowsBusy: fact<ActivityRows['windowsBusy'][number]>(
    `SELECT "window", max(COALESCE(started_at, last_called_at)) AS busy_since
     FROM tickets WHERE site_id = $1::uuid AND service_day = $2::date AND status IN ('called', 'serving') AND "window" IS NOT NULL
     GROUP BY "window"`,
    ['window', 'busy_since'],
  ),
  windowsLastEnded: fact<ActivityRows['windowsLastEnded'][number]>(
    `SELECT w."window", (SELECT t.ended_at FROM tickets t
        WHERE t.site_id = w.site_id AND t.service_day = w.service_day AND t."window" = w."window"
          AND t.status IN ('done', 'no_show') AND t.ended_at IS NOT NULL
        ORDER BY t.ended_at DESC LIMIT 1) AS ended
     FROM live_window_counts w WHERE w.site_id = $1::uuid AND w.service_day = $2::date AND w.finished > 0`,
    ['window', 'ended'],
  ),
  // One equality per type keeps each branch a range of the (site, day, type) index; an IN list
  // was planned as a filter over the whole day's events.
  signs: fact<ActivityRows['signs'][number]>(
    `SELECT data->>'window' AS "window", type, min(occurred_at) AS first, max(occurred_at) AS last
     FROM events WHERE site_id = $1::uuid AND service_day = $2::date AND type = 'staff.signed_in' GROUP BY 1, 2
     UNION ALL
     SELECT data->>'window', type, min(occurred_at), max(occurred_at)
     FROM events WHERE site_id = $1::uuid AND service_day = $2::date AND type = 'staff.signed_out' GROUP BY 1, 2`,
    ['window', 'type', 'first', 'last'],
  ),
};

export function windowActivityFrom(rows: ActivityRows): WindowActivity {
  const activity: WindowActivity = { busySince: new Map(), lastEndedAt: new Map(), lastSignedOutAt: new Map(), dayStartedAt: null };
  for (const t of rows.windowsBusy) if (t.busy_since) activity.busySince.set(t.window, new Date(t.busy_since));
  for (const t of rows.windowsLastEnded) if (t.ended) activity.lastEndedAt.set(t.window, new Date(t.ended));
  for (const s of rows.signs) {
    const first = new Date(s.first);
    if (s.type === 'staff.signed_in' && (!activity.dayStartedAt || first < activity.dayStartedAt)) activity.dayStartedAt = first;
    if (s.type === 'staff.signed_out' && s.window !== null) activity.lastSignedOutAt.set(s.window, new Date(s.last));
  }
  return activity;
}

const later = (...dates: Array<Date | null | undefined>): Date | null => {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
};

const byCode = (a: PresenceFact, b: PresenceFact) => a.staff.localeCompare(b.staff);

/**
 * The state of every window: the registry's windows, plus any window where staff signed in
 * that the registry lacks (item 48: the registry is not always current). Staff on post
 * decide first (serving when a ticket is called or in service there, else idle); then staff
 * away (unregistered when the absence breaches, as `staff.away.unregistered` counts it);
 * with nobody signed in an open window is unstaffed and a closed one closed.
 */
export function windowStates(
  registry: RegistryFacts,
  presence: PresenceFact[],
  busy: Map<string, { busy: boolean }>,
  activity: WindowActivity,
  now: Date,
  allowedBreakSec: number,
): WindowState[] {
  const at = new Map<string, PresenceFact[]>();
  for (const p of presence) at.set(p.window, [...(at.get(p.window) ?? []), p]);
  const codes = new Set([...registry.windows.keys(), ...at.keys()]);
  const out: WindowState[] = [];
  for (const code of codes) {
    const reg = registry.windows.get(code);
    const here = [...(at.get(code) ?? [])].sort(byCode);
    const onPost = here.find((p) => p.state === 'on_post');
    const away = here.filter((p) => p.state === 'away');
    const breached = away.find((p) => awayBreachSince(p, now, allowedBreakSec) !== null);
    const who = onPost ?? breached ?? away[0] ?? null;
    let state: WindowStateKind;
    let since: Date | null;
    if (onPost) {
      const serving = busy.get(code)?.busy === true;
      state = serving ? 'serving' : 'idle';
      since = serving ? later(activity.busySince.get(code), onPost.since) : later(onPost.since, activity.lastEndedAt.get(code) ?? null);
    } else if (who) {
      state = breached ? 'away_unregistered' : 'away_registered';
      since = who.since;
    } else if (reg?.isOpen) {
      state = 'unstaffed';
      since = later(activity.lastSignedOutAt.get(code), activity.dayStartedAt);
    } else {
      state = 'closed';
      since = null;
    }
    out.push({
      code,
      number: reg?.number ?? null,
      department: reg ? reg.department : (who?.department ?? null),
      kind: reg?.kind ?? 'unknown',
      isOpen: reg?.isOpen ?? false,
      state,
      staff: who?.staff ?? null,
      staffName: who ? (registry.staff.get(who.staff)?.name ?? null) : null,
      // Approved leave shows as such (请假), whatever the device declared on leaving.
      reason: who && who.state === 'away' ? (who.cover && isLeaveKind(who.cover.kind) ? 'leave' : who.reason) : null,
      since: since ? since.toISOString() : null,
    });
  }
  return out.sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.code.localeCompare(b.code));
}
