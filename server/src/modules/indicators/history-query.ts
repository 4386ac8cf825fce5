import { INDICATOR_IDS, IndicatorId } from '@hallwatch/shared';
import { SITE_LEVEL } from './indicator-history';
import { Sql } from './sql';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isIndicatorId = (v: unknown): v is IndicatorId => typeof v === 'string' && (INDICATOR_IDS as readonly string[]).includes(v);

/** A YYYY-MM-DD that is a real calendar date (2024-02-30 is not). */
export function isCalendarDay(v: string): boolean {
  if (!DAY.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The recorded values of one indicator for each hall-local hour of one service day, site
 * level or one department's. The hours are cut in the hall's time zone, as they were recorded.
 */
export async function readHourlyHistory(
  sql: Sql,
  siteId: string,
  timeZone: string,
  day: string,
  indicator: IndicatorId,
  department: string | null,
): Promise<Array<{ hour: string; value: number | null }>> {
  const rows = await sql<{ hour: Date; value: number | null }>(
    `SELECT hour, value FROM indicator_history
     WHERE site_id = $1 AND indicator = $2 AND department = $3
       AND hour >= ($4::date)::timestamp AT TIME ZONE $5 AND hour < ($4::date + 1)::timestamp AT TIME ZONE $5
     ORDER BY hour`,
    [siteId, indicator, department ?? SITE_LEVEL, day, timeZone],
  );
  return rows.map((r) => ({ hour: r.hour.toISOString(), value: r.value }));
}
