// Per-site thresholds of SPEC §4, read from sites.settings with the defaults the
// published report implies. A malformed value falls back to the default rather than
// producing a nonsense threshold on the wall.

import { DEFAULT_HALL_HOURS, HallHours, hallHoursProblem, normalHallHours } from '@hallwatch/shared';

export interface IndicatorSettings {
  /** Wait target when the department sets none (15 minutes, items 22 and 26). */
  waitTargetSec: number;
  /** Share of the target at which a wait warns before it breaches. */
  waitWarnRatio: number;
  /** Waiting tickets at which a department with a closed tidal window is told to open it. */
  tidalQueue: number;
  /** Longest break before an away staff member counts as unregistered. */
  allowedBreakSec: number;
  /** How many times the usual waiting count makes a surge. */
  surgeFactor: number;
  /** Below this many waiting a queue is never a surge, however quiet the hour usually is. */
  surgeMinWaiting: number;
  /** When the hall opens: the wall tells a quiet closed hall from a silent open one by them. */
  hours: HallHours;
}

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  waitTargetSec: 900,
  waitWarnRatio: 0.8,
  tidalQueue: 10,
  allowedBreakSec: 900,
  surgeFactor: 2,
  surgeMinWaiting: 8,
  hours: DEFAULT_HALL_HOURS,
};

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
const positiveInt = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);

export function indicatorSettings(raw: Record<string, unknown> | null | undefined): IndicatorSettings {
  const s = raw ?? {};
  const d = DEFAULT_INDICATOR_SETTINGS;
  const warn = positive(s.waitWarnRatio, d.waitWarnRatio);
  return {
    waitTargetSec: positiveInt(s.waitTargetSec, d.waitTargetSec),
    waitWarnRatio: warn < 1 ? warn : d.waitWarnRatio,
    tidalQueue: positiveInt(s.tidalQueue, d.tidalQueue),
    allowedBreakSec: positiveInt(s.allowedBreakSec, d.allowedBreakSec),
    surgeFactor: positive(s.surgeFactor, d.surgeFactor),
    surgeMinWaiting: positiveInt(s.surgeMinWaiting, d.surgeMinWaiting),
    hours: hallHoursProblem(s.hours) === null ? normalHallHours(s.hours as HallHours) : d.hours,
  };
}
