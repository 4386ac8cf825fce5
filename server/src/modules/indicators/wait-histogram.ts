import type { WaitAggregate } from './queue-indicators';

/** One minute of one department's waits (department '' for segments without one). */
export interface MinuteBucket {
  department: string;
  minute: number;
  n: number;
  totalSec: number;
}

/** What the second level of the histogram is asked, once the minutes have narrowed it down. */
export interface SecondQuestions {
  /** Departments whose longest wait is wanted. */
  max: string[];
  /** How many waits of a department lie within [from, to] seconds (the part of the target's minute within it). */
  within: Array<{ department: string; from: number; to: number }>;
  /** The rank-th shortest wait (1-based) within one minute of a department. */
  ranks: Array<{ department: string; minute: number; rank: number }>;
  /** The same for the site as a whole, from the site's own seconds. */
  siteRank: { minute: number; rank: number } | null;
}

export interface SecondAnswers {
  max: Map<string, number>;
  within: Map<string, number>;
  ranks: Map<string, number>;
  siteRank: number | null;
}

export type SecondsReader = (questions: SecondQuestions) => Promise<SecondAnswers>;

/** Where a rank falls: the minute that holds it and the rank within that minute. */
interface RankAt {
  minute: number;
  rankInMinute: number;
}

interface Scope {
  count: number;
  totalSec: number;
  /** Ascending by minute. */
  minutes: MinuteBucket[];
}

/** Nearest rank of the 90th percentile among n sorted values (1-based). */
export const p90Rank = (n: number): number => Math.ceil(0.9 * n);

function rankAt(minutes: MinuteBucket[], rank: number): RankAt | null {
  let before = 0;
  for (const m of minutes) {
    if (before + m.n >= rank) return { minute: m.minute, rankInMinute: rank - before };
    before += m.n;
  }
  return null;
}

/**
 * Wait aggregates per department and for the site from the two-level histogram. The minutes give
 * counts, totals and where each rank falls; the seconds are asked only what the minutes cannot
 * answer — one percentile per scope, each department's longest wait and its waits in the target's
 * own minute — so a snapshot reads a few rows per department however busy the day.
 */
export async function aggregateWaits(
  minuteRows: MinuteBucket[],
  targetOf: (department: string) => number,
  readSeconds: SecondsReader,
): Promise<{ site: WaitAggregate; departments: Map<string, WaitAggregate> }> {
  const scopes = new Map<string, Scope>();
  const site: Scope = { count: 0, totalSec: 0, minutes: [] };
  const siteMinutes = new Map<number, MinuteBucket>();
  for (const row of minuteRows) {
    if (row.n === 0) continue;
    let s = scopes.get(row.department);
    if (!s) scopes.set(row.department, (s = { count: 0, totalSec: 0, minutes: [] }));
    s.count += row.n;
    s.totalSec += row.totalSec;
    s.minutes.push(row);
    site.count += row.n;
    site.totalSec += row.totalSec;
    const m = siteMinutes.get(row.minute) ?? { department: '', minute: row.minute, n: 0, totalSec: 0 };
    m.n += row.n;
    siteMinutes.set(row.minute, m);
  }
  const departments = new Map<string, WaitAggregate>();
  if (site.count === 0) return { site: { count: 0, totalSec: 0, maxSec: null, p90Sec: null, withinTarget: 0 }, departments };
  site.minutes = [...siteMinutes.values()].sort((a, b) => a.minute - b.minute);
  for (const s of scopes.values()) s.minutes.sort((a, b) => a.minute - b.minute);

  const siteP90 = rankAt(site.minutes, p90Rank(site.count))!;
  const questions: SecondQuestions = { max: [], within: [], ranks: [], siteRank: { minute: siteP90.minute, rank: siteP90.rankInMinute } };
  for (const [d, s] of scopes) {
    questions.max.push(d);
    const p90 = rankAt(s.minutes, p90Rank(s.count))!;
    questions.ranks.push({ department: d, minute: p90.minute, rank: p90.rankInMinute });
    const target = targetOf(d);
    const targetMinute = Math.floor(target / 60);
    if (s.minutes.some((m) => m.minute === targetMinute)) questions.within.push({ department: d, from: targetMinute * 60, to: target });
  }
  const answers = await readSeconds(questions);

  let siteWithin = 0;
  let siteMax: number | null = null;
  for (const [d, s] of scopes) {
    const targetMinute = Math.floor(targetOf(d) / 60);
    let within = answers.within.get(d) ?? 0;
    for (const m of s.minutes) if (m.minute < targetMinute) within += m.n;
    const maxSec = answers.max.get(d) ?? null;
    siteWithin += within;
    if (maxSec !== null) siteMax = siteMax === null ? maxSec : Math.max(siteMax, maxSec);
    departments.set(d, { count: s.count, totalSec: s.totalSec, maxSec, p90Sec: answers.ranks.get(d) ?? null, withinTarget: within });
  }
  return {
    site: { count: site.count, totalSec: site.totalSec, maxSec: siteMax, p90Sec: answers.siteRank, withinTarget: siteWithin },
    departments,
  };
}
