import { IndicatorId, IndicatorSnapshot } from '@hallwatch/shared';
import { fact, Sql } from './sql';

/** How many earlier weeks of the same weekday and hour make the "usual" waiting count. */
export const SURGE_BASELINE_WEEKS = 8;

export const SITE_LEVEL = '';

/**
 * Mean recorded `queue.waiting` per department at this hall-local hour on the same weekday
 * of the last SURGE_BASELINE_WEEKS weeks (the hours are computed in the hall's time zone,
 * so a daylight-saving change cannot shift the baseline by an hour). A department with no
 * recorded hour is absent: no history, no surge. Parameters: $1 site, $3 now, $4 time zone, $5 weeks.
 */
export const USUAL_WAITING_QUERY = fact<{ department: string; usual: number }>(
  `SELECT department, avg(value)::float8 AS usual FROM indicator_history
   WHERE site_id = $1::uuid AND indicator = 'queue.waiting' AND department <> '' AND value IS NOT NULL
     AND hour IN (SELECT (date_trunc('hour', $3::timestamptz AT TIME ZONE $4::text) - k * interval '7 days') AT TIME ZONE $4::text
                  FROM generate_series(1, $5::int) AS k)
   GROUP BY department`,
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
