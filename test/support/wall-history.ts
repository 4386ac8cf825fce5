import { DataSource } from 'typeorm';
import { HALL_OFFSET_MS, localDay, localMidnight } from './hall-day';

/**
 * Hourly `reviews.good_rate` rows for today's earlier hall hours (08:00 up to the hour
 * before now), as the history recorder keeps them, so that the wall's sparkline has a day
 * to draw. The values drift down and back, a day with a few bad reviews in the afternoon.
 */
export async function seedGoodRateHistory(ds: DataSource, siteCode: string, nowMs: number): Promise<number> {
  const midnight = localMidnight(localDay(nowMs));
  const currentHour = Math.floor((nowMs + HALL_OFFSET_MS) / 3600_000) % 24;
  const rows: Array<[string, number]> = [];
  for (let h = 8; h < currentHour; h++) {
    const v = 0.991 - 0.0012 * Math.min(h - 8, 6) + 0.0006 * Math.max(0, h - 14) + (h % 3 === 0 ? 0.0008 : 0);
    rows.push([new Date(midnight + h * 3600_000).toISOString(), v]);
  }
  if (!rows.length) return 0;
  await ds.query(
    `INSERT INTO indicator_history (site_id, indicator, hour, department, value)
     SELECT s.id, 'reviews.good_rate', u.hour, '', u.value FROM sites s, unnest($2::timestamptz[], $3::float8[]) AS u(hour, value)
     WHERE s.code = $1 ON CONFLICT DO NOTHING`,
    [siteCode, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
  return rows.length;
}
