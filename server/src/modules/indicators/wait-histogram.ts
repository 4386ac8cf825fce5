import type { WaitAggregate } from './queue-indicators';

/** One minute of one department's waits (department '' for segments without one). */
export interface MinuteBucket {
  department: string;
  minute: number;
  n: number;
  totalSec: number;
}

export interface SecondBucket {
  department: string;
  secs: number;
  n: number;
}

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

const SITE_SCOPE = '\u0000site';

function addTo<K>(map: Map<K, SecondBucket[]>, key: K, b: SecondBucket): void {
  const list = map.get(key);
  if (list) list.push(b);
  else map.set(key, [b]);
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

/** The k-th smallest second (1-based) among the buckets of one minute. */
function secondAtRank(seconds: SecondBucket[], rank: number): number | null {
  let seen = 0;
  for (const s of [...seconds].sort((a, b) => a.secs - b.secs)) {
    seen += s.n;
    if (seen >= rank) return s.secs;
  }
  return null;
}

/**
 * Wait aggregates per department and for the site from the two-level histogram, reading
 * per-second buckets only for the few minutes that hold a percentile, a target or a maximum.
 * `readSeconds` is given (department, minute) pairs and returns those minutes' buckets.
 */
export async function aggregateWaits(
  minuteRows: MinuteBucket[],
  targetOf: (department: string) => number,
  readSeconds: (pairs: Array<[string, number]>) => Promise<SecondBucket[]>,
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
    const m = siteMinutes.get(row.minute) ?? { department: SITE_SCOPE, minute: row.minute, n: 0, totalSec: 0 };
    m.n += row.n;
    siteMinutes.set(row.minute, m);
  }
  site.minutes = [...siteMinutes.values()].sort((a, b) => a.minute - b.minute);
  for (const s of scopes.values()) s.minutes.sort((a, b) => a.minute - b.minute);

  // The minutes whose seconds are needed, per department.
  const wanted = new Map<string, Set<number>>();
  const want = (department: string, minute: number) => {
    let set = wanted.get(department);
    if (!set) wanted.set(department, (set = new Set()));
    set.add(minute);
  };
  const siteP90 = rankAt(site.minutes, p90Rank(site.count));
  if (siteP90) for (const d of scopes.keys()) if (scopes.get(d)!.minutes.some((m) => m.minute === siteP90.minute)) want(d, siteP90.minute);
  for (const [d, s] of scopes) {
    const p90 = rankAt(s.minutes, p90Rank(s.count));
    if (p90) want(d, p90.minute);
    want(d, s.minutes[s.minutes.length - 1].minute);
    const targetMinute = Math.floor(targetOf(d) / 60);
    if (s.minutes.some((m) => m.minute === targetMinute)) want(d, targetMinute);
  }
  const pairs: Array<[string, number]> = [];
  for (const [d, set] of wanted) for (const m of set) pairs.push([d, m]);
  const seconds = pairs.length ? await readSeconds(pairs) : [];
  // Indexed once: a large day holds thousands of second rows, and each department asks for three minutes.
  const byMinute = new Map<string, SecondBucket[]>();
  const bySiteMinute = new Map<number, SecondBucket[]>();
  for (const b of seconds) {
    if (b.n === 0) continue;
    const minute = Math.floor(b.secs / 60);
    const key = `${minute}\u0000${b.department}`;
    addTo(byMinute, key, b);
    addTo(bySiteMinute, minute, b);
  }
  const inMinute = (department: string | null, minute: number): SecondBucket[] =>
    (department === null ? bySiteMinute.get(minute) : byMinute.get(`${minute}\u0000${department}`)) ?? [];

  const departments = new Map<string, WaitAggregate>();
  let siteWithin = 0;
  let siteMax: number | null = null;
  for (const [d, s] of scopes) {
    const p90 = rankAt(s.minutes, p90Rank(s.count))!;
    const lastMinute = s.minutes[s.minutes.length - 1].minute;
    const maxSec = Math.max(...inMinute(d, lastMinute).map((b) => b.secs));
    const target = targetOf(d);
    const targetMinute = Math.floor(target / 60);
    let within = 0;
    for (const m of s.minutes) if (m.minute < targetMinute) within += m.n;
    for (const b of inMinute(d, targetMinute)) if (b.secs <= target) within += b.n;
    siteWithin += within;
    siteMax = siteMax === null ? maxSec : Math.max(siteMax, maxSec);
    departments.set(d, {
      count: s.count,
      totalSec: s.totalSec,
      maxSec,
      p90Sec: secondAtRank(inMinute(d, p90.minute), p90.rankInMinute),
      withinTarget: within,
    });
  }
  const siteAggregate: WaitAggregate = siteP90
    ? {
        count: site.count,
        totalSec: site.totalSec,
        maxSec: siteMax,
        p90Sec: secondAtRank(inMinute(null, siteP90.minute), siteP90.rankInMinute),
        withinTarget: siteWithin,
      }
    : { count: 0, totalSec: 0, maxSec: null, p90Sec: null, withinTarget: 0 };
  return { site: siteAggregate, departments };
}
