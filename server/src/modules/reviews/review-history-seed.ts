import { DataSource } from 'typeorm';
import { addDays, daysBetween, isoWeekday } from '../../core/time/zoned-time';

// Synthetic history of served tickets, their waits and reviews, bad-review follow-ups and
// complaints, written with generate_series straight into the projections (never through the
// API): the demo's year of trends, the browser test, and the 10-million-review benchmark.
// Deterministic: the same options give the same rows (hashes of the row number, not random()).

export interface ServicePoint {
  siteId: string;
  department: string;
  window: string;
  staff: string;
  /** Relative share of the traffic. */
  weight: number;
  /** 0 (best) … 60 (worst): shifts this point's ratings, so rankings have something to separate. */
  bias: number;
}

export interface HistoryOptions {
  points: ServicePoint[];
  from: string;
  to: string;
  /** Served tickets in total over the range. */
  tickets: number;
  /** Prefix of the generated event ids and ticket codes, so that two runs do not collide. */
  prefix: string;
  timeZone: string;
  /** Cases whose deadline is after this are left open. */
  now: Date;
  /** Write each ticket's wait too (the heatmap and satisfaction against waiting need them). */
  waits?: boolean;
  chunk?: number;
  progress?: (done: number) => void;
}

/** The hall's week: weekdays busy, Saturday light, Sunday almost closed. */
const DAY_WEIGHT = [0, 10, 10, 9, 9, 11, 3, 1];
/** Hours 8–17 with the morning and early-afternoon peaks. */
const HOUR_WEIGHT: Record<number, number> = { 8: 4, 9: 10, 10: 11, 11: 7, 12: 2, 13: 4, 14: 9, 15: 10, 16: 6, 17: 2 };

function weighted<T>(items: T[], weight: (t: T) => number, slots: number): number[] {
  const total = items.reduce((n, t) => n + weight(t), 0);
  const out: number[] = [];
  items.forEach((t, i) => {
    for (let k = Math.max(1, Math.round((weight(t) / total) * slots)); k > 0; k--) out.push(i + 1);
  });
  return out;
}

const STATEMENT = `
WITH g AS (
  SELECT i,
    ($3::int[])[1 + abs(hashint8extended(i, 1)) % cardinality($3::int[])] AS u,
    -- Days follow the row number, as a year of ingest would lay them down: a month's rows sit together.
    ($11::date[])[width_bucket(i, $4::bigint[])] AS day,
    ($5::int[])[1 + abs(hashint8extended(i, 3)) % cardinality($5::int[])] AS hour,
    abs(hashint8extended(i, 4)) % 3600 AS sec, abs(hashint8extended(i, 5)) % 10000 AS rr,
    abs(hashint8extended(i, 6)) % 1000 AS rm, abs(hashint8extended(i, 7)) % 1000 AS rw, abs(hashint8extended(i, 8)) % 100 AS rc
  FROM generate_series($1::bigint, $2::bigint) i
), x AS (
  SELECT g.i, g.sec, g.rr, g.rm, g.rc, g.u, g.day, g.hour,
    ($6::uuid[])[g.u] AS site_id, ($7::text[])[g.u] AS dept, ($8::text[])[g.u] AS win, ($9::text[])[g.u] AS staff, ($10::int[])[g.u] AS bias,
    ((g.day + make_interval(hours => g.hour, secs => g.sec::float8)) AT TIME ZONE $12) AS issued,
    -- Waits are longer at the peaks; a long wait makes a bad review likelier below.
    round((CASE WHEN g.hour IN (9, 10, 14, 15) THEN 840 ELSE 300 END) * (0.15 + g.rw / 450.0))::int AS wait
  FROM g
), y AS (
  SELECT x.*, x.issued + make_interval(secs => x.wait::float8) AS called,
    x.issued + make_interval(secs => (x.wait + 240 + x.rm / 2)::float8) AS reviewed,
    CASE WHEN x.rr < 30 + x.bias + x.wait / 30 THEN 1
         WHEN x.rr < 90 + 2 * x.bias + x.wait / 12 THEN 2
         WHEN x.rr < 290 + 2 * x.bias + x.wait / 5 THEN 3
         WHEN x.rr < 2100 + 2 * x.bias THEN 4 ELSE 5 END AS rating,
    CASE WHEN x.rm < 800 THEN 'pad' WHEN x.rm < 880 THEN 'app' WHEN x.rm < 940 THEN 'qr' WHEN x.rm < 970 THEN 'web'
         WHEN x.rm < 985 THEN 'sms' ELSE 'hotline' END AS channel
  FROM x
), z AS MATERIALIZED (
  SELECT y.*, $13 || y.i AS code,
    -- Follow-up outcomes: most closed within the deadline, some late, a few still open.
    CASE WHEN y.rc < 86 THEN y.reviewed + make_interval(days => (1 + y.rc % 4)::int) WHEN y.rc < 94 THEN y.reviewed + interval '9 days' END AS closed,
    y.reviewed + interval '2 days' AS contact_due, y.reviewed + interval '7 days' AS resolve_due
  FROM y
), t AS (
  INSERT INTO tickets (site_id, service_day, ticket, status, department, channel, issued_at, wait_from, first_called_at, last_called_at,
    call_count, "window", staff, started_at, ended_at, outcome)
  SELECT site_id, day, code, 'done', dept, 'walk_in', issued, issued, called, called, 1, win, staff, called, called + interval '8 minutes', 'done' FROM z
), w AS (
  INSERT INTO ticket_waits (site_id, service_day, ticket, seq, department, wait_from, called_at, abandoned)
  SELECT site_id, day, code, 0, dept, issued, called, false FROM z WHERE $15::bool
), r AS (
  INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, "window", staff, ticket, real_name, follow_up_open)
  -- 99.5% of services are rated (item 17 quotes 99.52%).
  SELECT site_id, code, reviewed, day, rating, channel, dept, win, staff, CASE WHEN channel = 'pad' THEN code END,
    rating <= 2 AND rm % 3 = 0, rating <= 2 AND (closed IS NULL OR closed > $14::timestamptz)
  FROM z WHERE rm < 995
), k AS (
  INSERT INTO complaints (site_id, event_id, occurred_at, source, summary, department, "window", staff, closed_at)
  SELECT site_id, 'k' || code, reviewed, CASE WHEN rm % 2 = 0 THEN 'hotline_12345' ELSE 'complaint_book' END, '等候时间过长，窗口解释不清',
    dept, win, staff, CASE WHEN closed <= $14::timestamptz THEN closed END
  FROM z WHERE rr % 1000 = 7
)
INSERT INTO follow_up_cases (site_id, kind, source_id, department, "window", staff, real_name, opened_at, status, contact_due_at, resolve_due_at,
  first_contact_at, resolved_at, closed_at, contact_overdue_at, resolve_overdue_at, scheduled_at)
SELECT site_id, kind, source, dept, win, staff, real_name, reviewed,
  CASE WHEN closed <= $14::timestamptz THEN 'closed' WHEN reviewed + interval '3 hours' <= $14::timestamptz THEN 'in_progress' ELSE 'awaiting_contact' END,
  contact_due, resolve_due,
  CASE WHEN reviewed + interval '3 hours' <= $14::timestamptz THEN reviewed + interval '3 hours' END,
  CASE WHEN closed <= $14::timestamptz THEN closed END, CASE WHEN closed <= $14::timestamptz THEN closed END,
  NULL, CASE WHEN resolve_due <= $14::timestamptz AND (closed IS NULL OR closed > resolve_due) THEN resolve_due END, now()
FROM (
  SELECT site_id, 'review' AS kind, code AS source, dept, win, staff, rating <= 2 AND rm % 3 = 0 AS real_name, reviewed, closed, contact_due, resolve_due
    FROM z WHERE rm < 995 AND rating <= 2
  UNION ALL
  SELECT site_id, 'complaint', 'k' || code, dept, win, staff, false, reviewed, closed, contact_due, resolve_due FROM z WHERE rr % 1000 = 7
) c`;

/** Writes the history; returns how many tickets were written (reviews ≈ 99.5% of them). */
export async function seedReviewHistory(ds: DataSource, o: HistoryOptions): Promise<number> {
  const span = daysBetween(o.from, o.to);
  if (span < 0 || !o.points.length) return 0;
  const days = Array.from({ length: span + 1 }, (_, i) => addDays(o.from, i));
  const pts = weighted(o.points, (p) => p.weight, 4000);
  // The first row number of each day, in proportion to the day's weight.
  const total = days.reduce((n, d) => n + DAY_WEIGHT[isoWeekday(d)], 0);
  let acc = 0;
  const dayStarts = days.map((d) => {
    const start = 1 + Math.floor((acc / total) * o.tickets);
    acc += DAY_WEIGHT[isoWeekday(d)];
    return start;
  });
  const hours = Object.keys(HOUR_WEIGHT).map(Number);
  const hrs = weighted(hours, (h) => HOUR_WEIGHT[h], 100).map((i) => hours[i - 1]);
  const chunk = o.chunk ?? 200_000;
  for (let lo = 1; lo <= o.tickets; lo += chunk) {
    const hi = Math.min(o.tickets, lo + chunk - 1);
    await ds.query(STATEMENT, [
      lo,
      hi,
      pts,
      dayStarts,
      hrs,
      o.points.map((p) => p.siteId),
      o.points.map((p) => p.department),
      o.points.map((p) => p.window),
      o.points.map((p) => p.staff),
      o.points.map((p) => p.bias),
      days,
      o.timeZone,
      o.prefix,
      o.now,
      o.waits ?? true,
    ]);
    o.progress?.(hi);
  }
  // Fresh statistics, or the planner goes on believing the tables are empty.
  await ds.query(`ANALYZE reviews, tickets, ticket_waits, complaints, follow_up_cases`);
  return o.tickets;
}

/** Service points from a site's registry: every open window with its department and, in turn, that department's staff. */
export async function registryPoints(ds: DataSource, siteId: string): Promise<ServicePoint[]> {
  const windows: Array<{ code: string; dept: string }> = await ds.query(
    `SELECT code, department_code AS dept FROM windows WHERE site_id = $1 AND department_code IS NOT NULL AND is_open ORDER BY number, code`,
    [siteId],
  );
  const staff: Array<{ code: string; dept: string }> = await ds.query(
    `SELECT code, department_code AS dept FROM staff WHERE site_id = $1 AND department_code IS NOT NULL ORDER BY code`,
    [siteId],
  );
  const seen = new Map<string, number>();
  return windows.map((w, i) => {
    const mine = staff.filter((s) => s.dept === w.dept);
    const n = seen.get(w.dept) ?? 0;
    seen.set(w.dept, n + 1);
    return {
      siteId,
      department: w.dept,
      window: w.code,
      staff: mine.length ? mine[n % mine.length].code : `${w.code}-staff`,
      weight: 1,
      // Spread the quality over windows so that departments and windows differ.
      bias: (i * 37) % 61,
    };
  });
}
