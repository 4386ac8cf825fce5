import { CalendarDayKind, DEFAULT_TIME_ZONE, INDICATOR_IDS, IndicatorSnapshot, IndicatorValues, SiteSettings } from '@hallwatch/shared';
import { serviceDay } from '../../core/time/service-day';
import {
  AlertFacts,
  AwayAlertFacts,
  DepartmentAlertFacts,
  deriveAlerts,
  ImbalanceAlertFacts,
  surgeSince,
  tidalAdviceSince,
  UnattendedAlertFacts,
  WindowRef,
} from './alert-rules';
import { maxOrNull, predictedWait, surgeThreshold } from './indicator-math';
import { PatrolIndicatorValues, ZERO_PATROL } from './patrol-indicators';
import { QueueFacts, queueValues } from './queue-indicators';
import { RegistryFacts } from './registry-facts';
import { ReviewFacts, reviewValues } from './review-indicators';
import { awayBreach, PresenceFact, windowStaffValues, ROSTER_LOOKBACK_DAYS } from './window-indicators';
import { coveringEntry, onLeaveWithin, RegisterEntryFact } from './absence-register';
import { NO_ACTIVITY, WindowActivity, windowStates } from './window-states';
import {
  busiestAndIdlest,
  departmentLoads,
  imbalanceBreached,
  imbalanceSince,
  openingOn,
  unattendedSince,
  WindowLoad,
} from './window-alert-rules';

export interface SnapshotInputs {
  site: { code: string; name?: string; nameEn?: string | null; timezone?: string };
  now: Date;
  settings: SiteSettings;
  registry: RegistryFacts;
  queue: QueueFacts;
  presence: PresenceFact[];
  reviews: ReviewFacts;
  /** Usual waiting count per department for this weekday and hour (absent: no history). */
  usualWaiting: Map<string, number>;
  patrol: PatrolIndicatorValues;
  /** When the windows' states began; without it the wall's windows carry no start times. */
  windowActivity?: WindowActivity;
  /** Approved entries of the outing and leave register; without them no absence is covered. */
  register?: readonly RegisterEntryFact[];
  /** Today's entry in the working calendar; absent or null for an ordinary day. */
  calendarDay?: CalendarDayKind | null;
  /** Completion times today at the windows of departments out of balance (see readSnapshotFacts). */
  completions?: Map<string, Date[]>;
}

/** Each absence with the approved register entry that covers it, if any. */
function withCovers(presence: PresenceFact[], register: readonly RegisterEntryFact[]): PresenceFact[] {
  return presence.map((p) => {
    if (p.state !== 'away') return p;
    const e = coveringEntry(register, p);
    return { ...p, cover: e ? { id: e.id, kind: e.kind, until: e.until } : null };
  });
}

const NO_WINDOWS: IndicatorValues = {
  'windows.open': 0,
  'windows.serving': 0,
  'windows.idle': 0,
  'windows.imbalance': null,
  'staff.on_post': 0,
  'staff.away.unregistered': 0,
  'roster.presence': null,
};

/** Every id present, in the canonical order, so that clients and history see one shape. */
function ordered(v: IndicatorValues): IndicatorValues {
  const out: IndicatorValues = {};
  for (const id of INDICATOR_IDS) out[id] = v[id] ?? null;
  return out;
}

/**
 * Assembles the snapshot from the facts read in one database snapshot. Department keys are
 * the registry's departments plus any code that today's data (or an open follow-up) names,
 * so that an unregistered department's queue is still seen (item 48).
 */
export function buildSnapshot(i: SnapshotInputs): { snapshot: IndicatorSnapshot; alertFacts: AlertFacts } {
  const { now, settings, registry, queue } = i;
  const register = i.register ?? [];
  const presence = withCovers(i.presence, register);
  const lookBackFrom = new Date(now.getTime() - ROSTER_LOOKBACK_DAYS * 86_400_000);
  const ws = windowStaffValues(presence, registry, queue.windows, now, settings.allowedBreakSec, (staff) =>
    onLeaveWithin(register, staff, lookBackFrom, now),
  );
  const codes = new Set<string>([
    ...registry.departments.keys(),
    ...queue.tickets.keys(),
    ...queue.waits.keys(),
    ...i.reviews.departments.keys(),
    ...ws.departments.keys(),
    ...Object.keys(i.patrol.departments),
  ]);
  const staffed = new Set(presence.map((p) => p.window));
  const closedTidal = new Map<string, string[]>();
  for (const w of registry.windows.values())
    if (w.kind === 'tidal' && !w.isOpen && w.department !== null && !staffed.has(w.code))
      closedTidal.set(w.department, [...(closedTidal.get(w.department) ?? []), w.code].sort());

  const loads = departmentLoads(presence, queue.windows);
  const ref = (w: WindowLoad): WindowRef & { done: number } => {
    const reg = registry.windows.get(w.window);
    return { ...w, number: reg?.number ?? null, kind: reg?.kind ?? 'unknown' };
  };
  const imbalanceOf = (code: string): ImbalanceAlertFacts | null => {
    const l = loads.get(code) ?? [];
    if (
      !imbalanceBreached(
        l.map((x) => x.done),
        settings.windowImbalanceMax,
      )
    )
      return null;
    const { busiest, idlest } = busiestAndIdlest(l);
    // Without completion times (a caller that reads none) the data proves only the present.
    const since = imbalanceSince(
      l.map((x) => x.window),
      i.completions ?? new Map(),
      settings.windowImbalanceMax,
    );
    return { since: since ?? now, busiest: ref(busiest), idlest: ref(idlest) };
  };

  const departments: Record<string, IndicatorValues> = {};
  const deptFacts: DepartmentAlertFacts[] = [];
  for (const code of [...codes].sort()) {
    const reg = registry.departments.get(code);
    const tickets = queue.tickets.get(code);
    const windowValues = ws.departments.get(code) ?? NO_WINDOWS;
    const service = queue.service.get(code);
    const usual = i.usualWaiting.get(code);
    const facts: DepartmentAlertFacts = {
      code,
      name: reg?.name ?? code,
      nameEn: reg?.nameEn ?? reg?.name ?? code,
      targetSec: reg?.waitTargetSec ?? settings.waitTargetSec,
      waitingSince: tickets?.waitingSince ?? [],
      closedTidalWindows: closedTidal.get(code) ?? [],
      surgeAt: usual === undefined ? null : surgeThreshold(usual, settings.surgeFactor, settings.surgeMinWaiting),
      usualWaiting: usual ?? null,
      imbalance: imbalanceOf(code),
    };
    deptFacts.push(facts);
    const q = queueValues(tickets, queue.waits.get(code), now);
    departments[code] = ordered({
      ...q,
      'queue.wait.predicted': predictedWait({
        waiting: tickets?.waiting ?? 0,
        openWindows: windowValues['windows.open'] ?? 0,
        serviceSecTotal: service?.totalSec ?? 0,
        serviceCount: service?.count ?? 0,
      }),
      ...windowValues,
      ...reviewValues(i.reviews.departments.get(code), tickets?.served ?? 0),
      ...ZERO_PATROL,
      ...i.patrol.departments[code],
      'tidal.advice': tidalAdviceSince(facts, now, settings.tidalQueue) ? 1 : 0,
      'surge.risk': surgeSince(facts) ? 1 : 0,
    });
  }

  const all = Object.values(departments);
  const count = (id: 'tidal.advice' | 'surge.risk') => all.filter((v) => v[id] === 1).length;
  const values = ordered({
    ...queueValues(queue.siteTickets, queue.siteWaits, now),
    // Per-department quantities: the site shows its worst department.
    'queue.wait.predicted': maxOrNull(all.map((v) => v['queue.wait.predicted'])),
    ...ws.site,
    'windows.imbalance': maxOrNull(all.map((v) => v['windows.imbalance'])),
    ...reviewValues(i.reviews.site, queue.siteTickets.served),
    ...i.patrol.site,
    'tidal.advice': count('tidal.advice'),
    'surge.risk': count('surge.risk'),
  });

  const away: AwayAlertFacts[] = [];
  for (const p of presence) {
    const breach = awayBreach(p, now, settings.allowedBreakSec);
    if (!breach) continue;
    const name = registry.staff.get(p.staff)?.name ?? p.staff;
    away.push({
      staff: p.staff,
      staffName: name,
      window: p.window,
      department: p.department,
      reason: p.reason,
      leftAt: p.since,
      breachSince: breach.since,
      breach: breach.kind,
    });
  }
  const activity = i.windowActivity ?? NO_ACTIVITY;
  const timeZone = i.site.timezone ?? DEFAULT_TIME_ZONE;
  const opening = openingOn(serviceDay(now, timeZone), timeZone, settings.hours, settings.lunchBreak, i.calendarDay ?? null);
  const unattended: UnattendedAlertFacts[] = [];
  // Judged once someone has signed in anywhere today: a hall whose devices report nothing is an
  // outage the wall shows as such, not every window unattended at once.
  if (activity.dayStartedAt)
    for (const w of registry.windows.values()) {
      if (!w.isOpen || staffed.has(w.code)) continue;
      const since = unattendedSince(opening, activity.lastSignedOutAt.get(w.code), now);
      if (!since || now.getTime() - since.getTime() <= settings.unattendedWindowSec * 1000) continue;
      const dept = w.department === null ? undefined : deptFacts.find((d) => d.code === w.department);
      unattended.push({
        window: w.code,
        number: w.number ?? null,
        kind: w.kind,
        department: dept
          ? { code: dept.code, name: dept.name, nameEn: dept.nameEn }
          : w.department === null
            ? null
            : { code: w.department, name: w.department, nameEn: w.department },
        since,
      });
    }
  const departmentInfo: IndicatorSnapshot['departmentInfo'] = {};
  for (const d of deptFacts) departmentInfo[d.code] = { name: { zh: d.name, en: d.nameEn }, waitTargetSec: d.targetSec };
  const snapshot: IndicatorSnapshot = {
    site: i.site.code,
    asOf: now.toISOString(),
    values,
    departments,
    alerts: [],
    windows: windowStates(registry, presence, queue.windows, activity, now, settings.allowedBreakSec),
    departmentInfo,
    siteInfo: {
      name: { zh: i.site.name ?? i.site.code, en: i.site.nameEn ?? i.site.name ?? i.site.code },
      timeZone: i.site.timezone ?? DEFAULT_TIME_ZONE,
      waitTargetSec: settings.waitTargetSec,
      waitWarnRatio: settings.waitWarnRatio,
      hours: settings.hours,
      patrolRounds: i.patrol.rounds,
      districtPage: settings.wallDistrictPage,
    },
  };
  const alertFacts: AlertFacts = {
    now,
    tidalQueue: settings.tidalQueue,
    waitWarnRatio: settings.waitWarnRatio,
    departments: deptFacts,
    away,
    unattended,
  };
  snapshot.alerts = deriveAlerts(i.site, snapshot, alertFacts);
  return { snapshot, alertFacts };
}
