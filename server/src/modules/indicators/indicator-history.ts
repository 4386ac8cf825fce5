import { IndicatorId, IndicatorSnapshot } from '@hallwatch/shared';
import { fact, Sql } from './sql';

/** How many earlier weeks of the same weekday and hour make the "usual" waiting count. */
export const SURGE_BASELINE_WEEKS = 8;
/** Same-weekday hours needed before the weekday baseline replaces the recent days' one. */
export const SURGE_WEEKDAY_MIN_WEEKS = 4;
/** How many previous days' same hour make the baseline of a hall without that much history. */
export const SURGE_RECENT_DAYS = 7;

export const SITE_LEVEL = '';

/**
 * The usual `queue.waiting` per department at this hall-local hour (the hours are computed in the
 * hall's time zone, so a daylight-saving change cannot shift the baseline by an hour). Once the
 * department has SURGE_WEEKDAY_MIN_WEEKS recorded hours on the same weekday within the last
 * SURGE_BASELINE_WEEKS weeks, their mean (a Monday morning is judged against Monday mornings);
 * until then the mean of the same hour on the last SURGE_RECENT_DAYS days, so that a new hall
 * has a baseline from its second day; with neither, what same-weekday hours there are (a hall
 * back from a week's holiday). Days the hall was closed record nothing and weigh nothing. A
 * department with no recorded hour is absent: no history, no surge.
 * Parameters: $1 site, $3 now, $4 time zone, $5 weeks.
 */
export const USUAL_WAITING_QUERY = fact<{ department: string; usual: number }>(
  `SELECT h.department, COALESCE(
       CASE WHEN count(*) FILTER (WHERE b.back % 7 = 0) >= ${SURGE_WEEKDAY_MIN_WEEKS} THEN avg(h.value) FILTER (WHERE b.back % 7 = 0) END,
       avg(h.value) FILTER (WHERE b.back <= ${SURGE_RECENT_DAYS}),
       avg(h.value) FILTER (WHERE b.back % 7 = 0))::float8 AS usual
   FROM (SELECT back, (date_trunc('hour', $3::timestamptz AT TIME ZONE $4::text) - back * interval '1 day') AT TIME ZONE $4::text AS hour
         FROM generate_series(1, 7 * $5::int) AS back WHERE back <= ${SURGE_RECENT_DAYS} OR back % 7 = 0) b
   JOIN indicator_history h ON h.hour = b.hour
   WHERE h.site_id = $1::uuid AND h.indicator = 'queue.waiting' AND h.department <> '' AND h.value IS NOT NULL
   GROUP BY h.department`,
  ['department', 'usual'],
);

export const usualWaitingFrom = (rows: Array<{ department: string; usual: number }>): Map<string, number> =>
  new Map(rows.map((r) => [r.department, r.usual]));

/** Upserts every value of the snapshot as the value of the current hall-local hour. */
export async function recordSnapshotHour(sql: Sql, siteId: string, timeZone: string, now: Date, snap: IndicatorSnapshot): Promise<number> {
  const indicators: string[] = [];
  const departments: string[] = [];
  const values: Array<number | null> = [];
  const push = (department: string, v: Partial<Record<IndicatorId, number | null>>) => {
    for (const [id, value] of Object.entries(v)) {
      indicators.push(id);
      departments.push(department);
      values.push(value ?? null);
    }
  };
  push(SITE_LEVEL, snap.values);
  for (const [code, v] of Object.entries(snap.departments)) push(code, v);
  if (!indicators.length) return 0;
  await sql(
    `INSERT INTO indicator_history (site_id, indicator, hour, department, value)
     SELECT $1, u.indicator, date_trunc('hour', $2::timestamptz AT TIME ZONE $3) AT TIME ZONE $3, u.department, u.value
     FROM unnest($4::varchar[], $5::varchar[], $6::float8[]) AS u(indicator, department, value)
     ON CONFLICT (site_id, indicator, hour, department) DO UPDATE SET value = EXCLUDED.value`,
    [siteId, now, timeZone, indicators, departments, values],
  );
  return indicators.length;
}
