// The pure arithmetic behind the indicators, kept apart from SQL so that the
// definitions can be read (and unit-tested) in one place.

/** A share, or null when there is nothing to divide by (a 0% on the wall would be a lie). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Mean of whole seconds, rounded to a whole second; null without samples. */
export function roundedMean(totalSec: number, count: number): number | null {
  return count > 0 ? Math.round(totalSec / count) : null;
}

/** Whole seconds elapsed from `from` to `to`, never negative (devices' clocks drift). */
export function wholeSeconds(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

export function maxOrNull(values: Array<number | null | undefined>): number | null {
  let best: number | null = null;
  for (const v of values) if (typeof v === 'number' && (best === null || v > best)) best = v;
  return best;
}

/**
 * 忙闲不均 of one department: (max − min) / mean of the tickets each of its open windows
 * completed today. 0 means every window carried the same load; 1 means the gap between
 * the busiest and the idlest window equals an average window's load. Null with fewer than
 * two open windows (nothing to compare); 0 when none has completed anything yet.
 */
export function imbalance(completedPerWindow: number[]): number | null {
  const n = completedPerWindow.length;
  if (n < 2) return null;
  const total = completedPerWindow.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const spread = Math.max(...completedPerWindow) - Math.min(...completedPerWindow);
  // spread / (total / n), written so that one division decides the rounding.
  return (spread * n) / total;
}

export interface PredictionInput {
  /** Tickets now waiting in the department's queue. */
  waiting: number;
  /** Department windows with staff signed in. */
  openWindows: number;
  /** Sum and count of the recent service times (see RECENT_SERVICES). */
  serviceSecTotal: number;
  serviceCount: number;
}

/** How many of a department's latest completions make its "recent service time". */
export const RECENT_SERVICES = 20;

/**
 * Expected wait for a ticket issued now: the queue ahead of it drains at `openWindows`
 * tickets per mean service time, so wait = waiting × meanService ÷ openWindows.
 * 0 when nobody is waiting and a window is open; null when no window is open (the wait
 * is unbounded) or when nothing has been served today to estimate a service time from.
 */
export function predictedWait(p: PredictionInput): number | null {
  if (p.openWindows <= 0) return null;
  if (p.waiting === 0) return 0;
  if (p.serviceCount <= 0) return null;
  return Math.round((p.waiting * p.serviceSecTotal) / (p.serviceCount * p.openWindows));
}

/**
 * The smallest waiting count that is a surge: at least `minWaiting`, and strictly more
 * than `factor` × the usual count for this weekday and hour.
 */
export function surgeThreshold(usual: number, factor: number, minWaiting: number): number {
  return Math.max(minWaiting, Math.floor(factor * usual) + 1);
}
