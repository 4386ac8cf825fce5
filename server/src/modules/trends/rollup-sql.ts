import { WAIT_BUCKETS } from '@hallwatch/shared';

// The statements that derive the `site` level rollups from the raw tables. Each takes the
// sites as $1 (uuid[]) and the days as $2 (date[]) and replaces
// exactly those rows, so running it twice, or for a day that did not change, changes nothing.

export const DAILY_METRICS = [
  'reviews',
  'good',
  'bad',
  'rating_sum',
  'completed',
  'bad_due',
  'bad_closed_on_time',
  'real_name_bad',
  'callback_due',
  'callback_done',
  'complaints',
  'complaints_due',
  'complaints_closed_on_time',
  'wait_count',
  'wait_sum_sec',
] as const;

export const HOURLY_METRICS = ['reviews', 'bad', 'wait_count', 'wait_sum_sec'] as const;

export const list = (cols: readonly string[], prefix = '') => cols.map((c) => `${prefix}${c}`).join(', ');
export const sums = (cols: readonly string[]) => cols.map((c) => `sum(${c})`).join(', ');
/** A part supplies some metrics; the others are 0 so that every part has the same columns. */
const fill = (cols: readonly string[], own: Record<string, string>) => cols.map((c) => `${own[c] ?? '0'} AS ${c}`).join(', ');

const waitBucket = (sec: string) =>
  `CASE WHEN ${sec} IS NULL THEN NULL ${[...WAIT_BUCKETS]
    .reverse()
    .map((b) => `WHEN ${sec} >= ${b.fromMin * 60} THEN '${b.key}'`)
    .join(' ')} END`;

const DIM_NAMES: Record<string, string> = { '"window"': 'window', bucket: 'wait' };
const dimOf = (cols: string[]) =>
  `CASE ${cols.map((c) => `WHEN GROUPING(${c}) = 0 THEN '${DIM_NAMES[c] ?? c}'`).join(' ')} ELSE 'total' END`;
const keyOf = (cols: string[]) => `CASE ${cols.map((c) => `WHEN GROUPING(${c}) = 0 THEN ${c}::text`).join(' ')} ELSE '' END`;

/** One part: grouped by site and day and by each of `dims` alone, plus the site total. */
function part(source: string, dims: string[], metrics: Record<string, string>): string {
  const sets = ['(site_id, day)', ...dims.map((d) => `(site_id, day, ${d})`)].join(', ');
  return `SELECT site_id, day, ${dimOf(dims)} AS dim, ${keyOf(dims)} AS key, ${fill(DAILY_METRICS, metrics)}
    FROM ${source} GROUP BY GROUPING SETS (${sets})`;
}

const reviewsSource = `(
  SELECT r.site_id, r.service_day AS day, r.department, r."window", r.staff, r.channel, r.rating, r.real_name,
    c.status, c.closed_at, c.resolve_due_at, c.resolve_overdue_at, c.first_contact_at, c.contact_overdue_at, c.disproved,
    ${waitBucket('w.sec')} AS bucket
  FROM reviews r
  LEFT JOIN follow_up_cases c ON c.site_id = r.site_id AND c.kind = 'review' AND c.source_id = r.event_id
  LEFT JOIN LATERAL (
    SELECT sum(extract(epoch FROM tw.called_at - tw.wait_from)) AS sec FROM ticket_waits tw
    WHERE r.ticket IS NOT NULL AND tw.site_id = r.site_id AND tw.service_day = r.service_day AND tw.ticket = r.ticket
      AND tw.called_at IS NOT NULL
  ) w ON true
  WHERE r.site_id = ANY($1::uuid[]) AND r.service_day = ANY($2::date[]) AND NOT r.excluded
) rv`;

const BAD = 'rating <= 2';
const reviewMetrics: Record<string, string> = {
  reviews: 'count(*)',
  good: 'count(*) FILTER (WHERE rating >= 4)',
  bad: `count(*) FILTER (WHERE ${BAD})`,
  rating_sum: 'sum(rating)',
  // Due: the deadline has passed (the escalation recorded it) or the follow-up is closed. A
  // closure a second callback did not confirm (回访核实) stays due and is never on time: the
  // new deadline of the reopened case must not make good what was falsely recorded as done.
  bad_due: `count(*) FILTER (WHERE ${BAD} AND (closed_at IS NOT NULL OR resolve_overdue_at IS NOT NULL OR disproved IS NOT NULL))`,
  bad_closed_on_time: `count(*) FILTER (WHERE ${BAD} AND status = 'closed' AND closed_at <= resolve_due_at AND disproved IS NULL)`,
  real_name_bad: `count(*) FILTER (WHERE ${BAD} AND real_name)`,
  callback_due: `count(*) FILTER (WHERE ${BAD} AND real_name
    AND (first_contact_at IS NOT NULL OR contact_overdue_at IS NOT NULL OR disproved = 'not_contacted'))`,
  callback_done: `count(*) FILTER (WHERE ${BAD} AND real_name AND first_contact_at IS NOT NULL)`,
};

const ticketsSource = `(
  SELECT site_id, service_day AS day, department, "window", staff FROM tickets
  WHERE site_id = ANY($1::uuid[]) AND service_day = ANY($2::date[]) AND status = 'done'
) t`;

const waitsSource = `(
  SELECT site_id, service_day AS day, department, extract(epoch FROM called_at - wait_from) AS sec FROM ticket_waits
  WHERE site_id = ANY($1::uuid[]) AND service_day = ANY($2::date[]) AND called_at IS NOT NULL
) tw`;

// Complaints carry no service day: their hall-local date is derived in the site's zone.
const complaintsSource = `(
  SELECT c.site_id, (c.occurred_at AT TIME ZONE s.timezone)::date AS day, c.department, f.status, f.closed_at,
    f.resolve_due_at, f.resolve_overdue_at, f.disproved
  FROM complaints c JOIN sites s ON s.id = c.site_id
  LEFT JOIN follow_up_cases f ON f.site_id = c.site_id AND f.kind = 'complaint' AND f.source_id = c.event_id
  WHERE c.site_id = ANY($1::uuid[]) AND (c.occurred_at AT TIME ZONE s.timezone)::date = ANY($2::date[])
) cp`;

/** Replaces the `site` level daily rows of the given sites and days. */
export const SITE_DAILY_SQL = [
  `DELETE FROM review_daily_rollups WHERE level = 'site' AND site_id = ANY($1::uuid[]) AND day = ANY($2::date[])`,
  `INSERT INTO review_daily_rollups (level, site_id, dim, day, key, ${list(DAILY_METRICS)})
   SELECT 'site', site_id, dim, day, key, ${sums(DAILY_METRICS)} FROM (
     ${part(reviewsSource, ['department', '"window"', 'staff', 'channel', 'bucket'], reviewMetrics)}
     UNION ALL ${part(ticketsSource, ['department', '"window"', 'staff'], { completed: 'count(*)' })}
     UNION ALL ${part(waitsSource, ['department'], { wait_count: 'count(*)', wait_sum_sec: 'round(sum(sec))' })}
     UNION ALL ${part(complaintsSource, ['department'], {
       complaints: 'count(*)',
       // An order its platform withdrew (撤单) was never the hall's to close: it falls due for nobody.
       complaints_due: `count(*) FILTER (WHERE status IS DISTINCT FROM 'withdrawn' AND (closed_at IS NOT NULL OR resolve_overdue_at IS NOT NULL OR disproved IS NOT NULL))`,
       complaints_closed_on_time: `count(*) FILTER (WHERE status = 'closed' AND closed_at <= resolve_due_at AND disproved IS NULL)`,
     })}
   ) p
   WHERE key IS NOT NULL
   GROUP BY site_id, dim, day, key`,
];

const hourlyPart = (source: string, metrics: Record<string, string>) =>
  `SELECT site_id, day, hour, COALESCE(department, '') AS department, GROUPING(department) AS rollup, ${fill(HOURLY_METRICS, metrics)}
   FROM ${source} GROUP BY GROUPING SETS ((site_id, day, hour), (site_id, day, hour, department))`;

/** Replaces the `site` level hourly rows; department '' holds the site's total. */
export const SITE_HOURLY_SQL = [
  `DELETE FROM review_hourly_rollups WHERE level = 'site' AND site_id = ANY($1::uuid[]) AND day = ANY($2::date[])`,
  `INSERT INTO review_hourly_rollups (level, site_id, department, day, hour, ${list(HOURLY_METRICS)})
   SELECT 'site', site_id, department, day, hour, ${sums(HOURLY_METRICS)} FROM (
     ${hourlyPart(
       `(SELECT r.site_id, r.service_day AS day, extract(hour FROM r.occurred_at AT TIME ZONE s.timezone)::int AS hour, r.department, r.rating
         FROM reviews r JOIN sites s ON s.id = r.site_id
         WHERE r.site_id = ANY($1::uuid[]) AND r.service_day = ANY($2::date[]) AND NOT r.excluded) rv`,
       { reviews: 'count(*)', bad: `count(*) FILTER (WHERE ${BAD})` },
     )}
     UNION ALL ${hourlyPart(
       `(SELECT tw.site_id, tw.service_day AS day, extract(hour FROM tw.wait_from AT TIME ZONE s.timezone)::int AS hour, tw.department,
           extract(epoch FROM tw.called_at - tw.wait_from) AS sec
         FROM ticket_waits tw JOIN sites s ON s.id = tw.site_id
         WHERE tw.site_id = ANY($1::uuid[]) AND tw.service_day = ANY($2::date[]) AND tw.called_at IS NOT NULL) tw`,
       { wait_count: 'count(*)', wait_sum_sec: 'round(sum(sec))' },
     )}
   ) p
   -- A wait with no department still counts in the total, but has no department row.
   WHERE rollup = 1 OR department <> ''
   GROUP BY site_id, department, day, hour`,
];
