import {
  DEFAULT_RECTIFICATION_TARGETS,
  INDICATORS,
  IndicatorId,
  IndicatorValues,
  LinkWindow,
  meetsTarget,
  TargetComparator,
} from '@hallwatch/shared';

/** One promise of the report as the wall judges it: an indicator, its target, the items it bears on. */
export interface WallTarget {
  indicator: IndicatorId;
  comparator: TargetComparator;
  target: number;
  window: LinkWindow;
  items: number[];
}

export interface OffTarget extends WallTarget {
  value: number;
  /** What the wall compares against now (rounds: those already due, not the day's four). */
  goal: number;
  /** breach: the promise is broken now; warning: it will be unless acted on today. */
  severity: 'breach' | 'warning';
}

/** The default targets of the seed report, one row per distinct promise, with every item that makes it. */
export const WALL_TARGETS: WallTarget[] = (() => {
  const rows = new Map<string, WallTarget>();
  for (const d of DEFAULT_RECTIFICATION_TARGETS)
    for (const t of d.targets) {
      const key = `${t.indicator}|${t.comparator}|${t.target}`;
      const row = rows.get(key) ?? { indicator: t.indicator, comparator: t.comparator, target: t.target, window: t.window, items: [] };
      if (!row.items.includes(d.item)) row.items = [...row.items, d.item].sort((a, b) => a - b);
      rows.set(key, row);
    }
  return [...rows.values()];
})();

/** The item numbers an off-target figure bears on: its promises' items, else the indicator's own. */
export function itemsOf(indicator: IndicatorId): number[] {
  const items = new Set<number>();
  for (const t of WALL_TARGETS) if (t.indicator === indicator) t.items.forEach((n) => items.add(n));
  return items.size ? [...items].sort((a, b) => a - b) : [...INDICATORS[indicator].items];
}

/**
 * The promises the live figures miss. `now` promises are judged on the value now, and the
 * day's rates on the day so far. Two day promises cannot be judged before the day ends,
 * so the wall reads them as the day goes: rounds done against the rounds already due
 * (four a day, each at its time), and open findings, due the same day, as a warning.
 */
export function offTargets(values: IndicatorValues): OffTarget[] {
  const out: OffTarget[] = [];
  for (const t of WALL_TARGETS) {
    const value = values[t.indicator];
    if (value === null || value === undefined) continue;
    let goal = t.target;
    let severity: OffTarget['severity'] = 'breach';
    if (t.window === 'day' && INDICATORS[t.indicator].unit === 'count') {
      if (t.indicator === 'patrol.rounds.done') goal = Math.min(t.target, values['patrol.rounds.due'] ?? 0);
      else severity = 'warning';
    }
    if (!meetsTarget(value, t.comparator, goal)) out.push({ ...t, value, goal, severity });
  }
  return out.sort((a, b) => (a.severity === b.severity ? a.items[0] - b.items[0] : a.severity === 'breach' ? -1 : 1));
}

/** Whether one indicator misses a promise now (for colouring its tile). */
export const isOff = (list: OffTarget[], indicator: IndicatorId) => list.find((o) => o.indicator === indicator) ?? null;
