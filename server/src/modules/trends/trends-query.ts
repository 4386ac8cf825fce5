import { HeatmapCell, RateCounts, TrendGrain, zeroCounts } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { DailyDim, RollupLevel } from './entities/review-daily-rollup.entity';
import { DAILY_METRICS } from './rollup-sql';
import { addDays, daysBetween, isoWeekday } from '../../core/time/zoned-time';

/** Where a trend reads from: one level of one scope's rollups. */
export interface RollupScope {
  level: RollupLevel;
  siteId: string;
}

const camel = (c: string) => c.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
// Sums come back as numeric; float8 is exact far beyond any count a year of a city reaches.
const SUMS = DAILY_METRICS.map((c) => `sum(${c})::float8 AS "${camel(c)}"`).join(', ');

type CountRow = RateCounts & Record<string, unknown>;
const counts = (r: CountRow): RateCounts => {
  const c = zeroCounts();
  for (const k of Object.keys(c) as Array<keyof RateCounts>) c[k] = Number(r[k] ?? 0);
  return c;
};

/** The first day of the period holding `day`. */
export function periodStart(day: string, grain: TrendGrain): string {
  if (grain === 'day') return day;
  if (grain === 'week') return addDays(day, 1 - isoWeekday(day));
  return `${day.slice(0, 8)}01`;
}

export function nextPeriod(start: string, grain: TrendGrain): string {
  if (grain === 'day') return addDays(start, 1);
  if (grain === 'week') return addDays(start, 7);
  const [y, m] = start.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function previousPeriod(start: string, grain: TrendGrain): string {
  if (grain === 'day') return addDays(start, -1);
  if (grain === 'week') return addDays(start, -7);
  const [y, m] = start.split('-').map(Number);
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** Period starts covering [from, to], whole periods. */
export function periods(from: string, to: string, grain: TrendGrain): string[] {
  const out: string[] = [];
  for (let p = periodStart(from, grain); p <= to; p = nextPeriod(p, grain)) out.push(p);
  return out;
}

/** The last day of the period that starts at `start`. */
export const periodEnd = (start: string, grain: TrendGrain): string => addDays(nextPeriod(start, grain), -1);

/** Counts per period start over [from, to] for one dimension key ('total'/'' for the whole scope). */
export async function readSeries(
  em: EntityManager,
  s: RollupScope,
  grain: TrendGrain,
  from: string,
  to: string,
  dim: DailyDim,
  key: string,
): Promise<Map<string, RateCounts>> {
  const rows: Array<CountRow & { period: string }> = await em.query(
    `SELECT date_trunc($7, day)::date::text AS period, ${SUMS} FROM review_daily_rollups
     WHERE level = $1 AND site_id = $2 AND dim = $3 AND key = $4 AND day BETWEEN $5 AND $6 GROUP BY 1`,
    [s.level, s.siteId, dim, key, from, to, grain],
  );
  return new Map(rows.map((r) => [r.period, counts(r)]));
}

/**
 * Each site's own counts (its `site` level, not its tree) per period start over [from, to]:
 * one row per site and period, so the read is bounded by the sites named times the periods.
 */
export async function readSiteSeries(
  em: EntityManager,
  siteIds: string[],
  grain: TrendGrain,
  from: string,
  to: string,
): Promise<Map<string, Map<string, RateCounts>>> {
  const rows: Array<CountRow & { siteId: string; period: string }> = await em.query(
    `SELECT site_id AS "siteId", date_trunc($4, day)::date::text AS period, ${SUMS} FROM review_daily_rollups
     WHERE level = 'site' AND site_id = ANY($1::uuid[]) AND dim = 'total' AND key = '' AND day BETWEEN $2 AND $3 GROUP BY 1, 2`,
    [siteIds, from, to, grain],
  );
  const out = new Map<string, Map<string, RateCounts>>(siteIds.map((id) => [id, new Map()]));
  for (const r of rows) out.get(r.siteId)?.set(r.period, counts(r));
  return out;
}

/** Counts per key of a dimension over [from, to]. */
export async function readBreakdown(
  em: EntityManager,
  s: RollupScope,
  dim: DailyDim,
  from: string,
  to: string,
): Promise<Map<string, RateCounts>> {
  const rows: Array<CountRow & { key: string }> = await em.query(
    `SELECT key, ${SUMS} FROM review_daily_rollups WHERE level = $1 AND site_id = $2 AND dim = $3 AND day BETWEEN $4 AND $5 GROUP BY key`,
    [s.level, s.siteId, dim, from, to],
  );
  return new Map(rows.map((r) => [r.key, counts(r)]));
}

/** Counts per day and key of a dimension over [from, to]: the leaders' daily trend by department. */
export async function readMatrix(
  em: EntityManager,
  s: RollupScope,
  dim: DailyDim,
  from: string,
  to: string,
): Promise<Array<{ day: string; key: string; counts: RateCounts }>> {
  // One scope's rows are already one per day and key, so nothing is summed. A year of a city
  // is ~15,000 rows: PostgreSQL joins them into one text (unit and record separators, which
  // no code contains) that is split here, instead of the driver parsing 250,000 fields one by one.
  const [{ rows }]: Array<{ rows: string | null }> = await em.query(
    `SELECT string_agg(concat_ws(chr(31), day, key, ${DAILY_METRICS.join(', ')}), chr(30) ORDER BY day, key) AS rows
     FROM review_daily_rollups WHERE level = $1 AND site_id = $2 AND dim = $3 AND day BETWEEN $4 AND $5`,
    [s.level, s.siteId, dim, from, to],
  );
  if (!rows) return [];
  const out: Array<{ day: string; key: string; counts: RateCounts }> = [];
  for (const line of rows.split('\x1e')) {
    const f = line.split('\x1f');
    out.push({ day: f[0], key: f[1], counts: countsFrom(f, 2) });
  }
  return out;
}

/** RateCounts from text fields in DAILY_METRICS order, starting at `at`; written out, as it runs per row. */
function countsFrom(f: string[], at: number): RateCounts {
  return {
    reviews: +f[at],
    good: +f[at + 1],
    bad: +f[at + 2],
    ratingSum: +f[at + 3],
    completed: +f[at + 4],
    badDue: +f[at + 5],
    badClosedOnTime: +f[at + 6],
    realNameBad: +f[at + 7],
    callbackDue: +f[at + 8],
    callbackDone: +f[at + 9],
    complaints: +f[at + 10],
    complaintsDue: +f[at + 11],
    complaintsClosedOnTime: +f[at + 12],
    waitCount: +f[at + 13],
    waitSumSec: +f[at + 14],
  };
}

export async function readHeatmap(em: EntityManager, s: RollupScope, from: string, to: string, department: string): Promise<HeatmapCell[]> {
  const rows: HeatmapCell[] = await em.query(
    `SELECT extract(isodow FROM day)::int AS weekday, hour::int AS hour, sum(reviews)::float8 AS reviews, sum(bad)::float8 AS bad,
       sum(wait_count)::float8 AS "waitCount", sum(wait_sum_sec)::float8 AS "waitSumSec"
     FROM review_hourly_rollups WHERE level = $1 AND site_id = $2 AND department = $3 AND day BETWEEN $4 AND $5
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [s.level, s.siteId, department, from, to],
  );
  return rows;
}

/** The range of the same length just before [from, to]. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const len = daysBetween(from, to) + 1;
  return { from: addDays(from, -len), to: addDays(from, -1) };
}
