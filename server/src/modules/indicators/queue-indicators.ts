import { IndicatorValues } from '@hallwatch/shared';
import { maxOrNull, ratio, roundedMean, wholeSeconds } from './indicator-math';
import { asJsonColumns, fact, FactQuery, rowsFromColumns, Sql, toDate, toNumber } from './sql';
import { aggregateWaits, SecondsReader } from './wait-histogram';

/** Today's called waits (wait segments, so a transfer's second wait counts in its target department). */
export interface WaitAggregate {
  count: number;
  totalSec: number;
  maxSec: number | null;
  /** Nearest rank: the ⌈0.9·n⌉-th smallest wait. */
  p90Sec: number | null;
  withinTarget: number;
}

/** Today's tickets of the department that holds them now. */
export interface TicketCounts {
  waiting: number;
  served: number;
  called: number;
  noShow: number;
  /** Start of the current wait of every waiting ticket, oldest first. */
  waitingSince: Date[];
}

export interface QueueFacts {
  siteWaits: WaitAggregate;
  waits: Map<string, WaitAggregate>;
  siteTickets: TicketCounts;
  tickets: Map<string, TicketCounts>;
  /** Sum and count of the latest RECENT_SERVICES service times per department. */
  service: Map<string, { totalSec: number; count: number }>;
  /** Per window: tickets completed there today, and whether it holds a called or serving ticket. */
  windows: Map<string, { done: number; busy: boolean }>;
}

export const EMPTY_WAITS: WaitAggregate = { count: 0, totalSec: 0, maxSec: null, p90Sec: null, withinTarget: 0 };
const emptyCounts = (): TicketCounts => ({ waiting: 0, served: 0, called: 0, noShow: 0, waitingSince: [] });

interface MinuteRow {
  department: string;
  minute: number;
  n: number;
  total: string | number;
}
interface CountRow {
  department: string;
  served: number;
  called: number;
  no_show: number;
}
interface WaitingRow {
  department: string | null;
  since: Array<string | Date | null> | null;
}
interface ServiceRow {
  department: string;
  n: number;
  total: string | number;
}
interface DoneRow {
  window: string;
  done: number;
}
export interface QueueRows {
  waitMinutes: MinuteRow[];
  dayCounts: CountRow[];
  waiting: WaitingRow[];
  service: ServiceRow[];
  windowDone: DoneRow[];
}

// Every query reads the live_* aggregates, or rows bounded by what is happening now (the
// tickets waiting or at a window, the last few services per department), never the whole day.
// Parameters: $1 site, $2 service day, $6 how many recent services.
export const QUEUE_QUERIES: Record<keyof QueueRows, FactQuery> = {
  waitMinutes: fact<MinuteRow>(
    `SELECT department, minute, n, total_sec AS total FROM live_wait_minutes
     WHERE site_id = $1::uuid AND service_day = $2::date AND n <> 0`,
    ['department', 'minute', 'n', 'total'],
  ),
  dayCounts: fact<CountRow>(
    `SELECT department, served, called, no_show FROM live_day_counts
     WHERE site_id = $1::uuid AND service_day = $2::date AND (served <> 0 OR called <> 0 OR no_show <> 0)`,
    ['department', 'served', 'called', 'no_show'],
  ),
  // Waiting is counted from the tickets themselves: they are the queue, and bounded by it.
  waiting: fact<WaitingRow>(
    `SELECT department, array_agg(wait_from ORDER BY wait_from) AS since
     FROM tickets WHERE site_id = $1::uuid AND service_day = $2::date AND status = 'waiting' GROUP BY department`,
    ['department', 'since'],
  ),
  // Service starts at ticket.started, or at the last call when the window skipped "started".
  service: fact<ServiceRow>(
    `SELECT c.department, count(*)::int AS n, sum(s.secs)::bigint AS total
     FROM live_day_counts c
     CROSS JOIN LATERAL (
       SELECT GREATEST(0, floor(extract(epoch FROM t.ended_at - COALESCE(t.started_at, t.last_called_at))))::int AS secs
       FROM tickets t
       WHERE t.site_id = c.site_id AND t.service_day = c.service_day AND t.department = c.department AND t.status = 'done'
         AND t.ended_at IS NOT NULL AND COALESCE(t.started_at, t.last_called_at) IS NOT NULL
       ORDER BY t.ended_at DESC, t.ticket DESC LIMIT $6::int) s
     WHERE c.site_id = $1::uuid AND c.service_day = $2::date AND c.department <> '' AND c.served > 0
     GROUP BY c.department`,
    ['department', 'n', 'total'],
  ),
  windowDone: fact<DoneRow>(
    `SELECT "window", done FROM live_window_counts WHERE site_id = $1::uuid AND service_day = $2::date AND done > 0`,
    ['window', 'done'],
  ),
};

// Each LATERAL is one range of the primary key, whatever the planner's estimates; a join would read
// every second of the day. A rank is found inside the database, so only the answer comes back.
const inDepartment = `FROM live_wait_seconds WHERE site_id = $1 AND service_day = $2 AND department = u.department`;
const rankWithin = (from: string, minute: string, rank: string) =>
  `SELECT secs FROM (SELECT secs, sum(n) OVER (ORDER BY secs) AS seen ${from}
     AND secs BETWEEN ${minute} * 60 AND ${minute} * 60 + 59 AND n <> 0) w
   WHERE w.seen >= ${rank} ORDER BY secs LIMIT 1`;
const MAX = fact<{ department: string; secs: number }>(
  `SELECT u.department, s.secs FROM unnest($3::varchar[]) AS u(department)
   CROSS JOIN LATERAL (SELECT secs ${inDepartment} AND n <> 0 ORDER BY secs DESC LIMIT 1) s`,
  ['department', 'secs'],
);
const WITHIN = fact<{ department: string; n: number }>(
  `SELECT u.department, s.n FROM unnest($4::varchar[], $5::int[], $6::int[]) AS u(department, lo, hi)
   CROSS JOIN LATERAL (SELECT COALESCE(sum(n), 0)::int AS n ${inDepartment} AND secs BETWEEN u.lo AND u.hi) s`,
  ['department', 'n'],
);
const RANKS = fact<{ department: string; secs: number }>(
  `SELECT u.department, s.secs FROM unnest($7::varchar[], $8::int[], $9::int[]) AS u(department, minute, rank)
   CROSS JOIN LATERAL (${rankWithin(inDepartment, 'u.minute', 'u.rank')}) s`,
  ['department', 'secs'],
);
const SITE_RANK = rankWithin('FROM live_site_wait_seconds WHERE site_id = $1 AND service_day = $2', '$10::int', '$11::int');
const SECONDS_SQL = `SELECT ${asJsonColumns(MAX)} AS max, ${asJsonColumns(WITHIN)} AS within,
  ${asJsonColumns(RANKS)} AS ranks, (${SITE_RANK}) AS site_rank`;

type Columns = Array<unknown[] | null>;
const byDepartment = <R extends { department: string }>(q: FactQuery, columns: Columns, value: (r: R) => number) =>
  new Map(rowsFromColumns<R>(q, columns).map((r) => [r.department, value(r)]));

/** Answers the second level of the wait histogram in one round trip. */
export const waitSecondsReader =
  (sql: Sql, siteId: string, day: string): SecondsReader =>
  async (q) => {
    const [row] = await sql<{ max: Columns; within: Columns; ranks: Columns; site_rank: number | null }>(SECONDS_SQL, [
      siteId,
      day,
      q.max,
      q.within.map((w) => w.department),
      q.within.map((w) => w.from),
      q.within.map((w) => w.to),
      q.ranks.map((r) => r.department),
      q.ranks.map((r) => r.minute),
      q.ranks.map((r) => r.rank),
      q.siteRank?.minute ?? null,
      q.siteRank?.rank ?? null,
    ]);
    return {
      max: byDepartment<{ department: string; secs: number }>(MAX, row.max, (r) => r.secs),
      within: byDepartment<{ department: string; n: number }>(WITHIN, row.within, (r) => r.n),
      ranks: byDepartment<{ department: string; secs: number }>(RANKS, row.ranks, (r) => r.secs),
      siteRank: row.site_rank,
    };
  };

/** The queue facts from the rows of QUEUE_QUERIES, the windows now calling or serving, and the histogram's seconds. */
export async function queueFactsFrom(
  rows: QueueRows,
  busyWindows: Iterable<string>,
  readSeconds: SecondsReader,
  targetOf: (department: string | null) => number,
): Promise<QueueFacts> {
  const aggregates = await aggregateWaits(
    rows.waitMinutes.map((r) => ({ department: r.department, minute: r.minute, n: r.n, totalSec: toNumber(r.total) })),
    (d) => targetOf(d === '' ? null : d),
    readSeconds,
  );
  const waits = new Map([...aggregates.departments].filter(([d]) => d !== ''));

  const siteTickets = emptyCounts();
  const tickets = new Map<string, TicketCounts>();
  const countsOf = (department: string | null): TicketCounts => {
    if (department === null || department === '') return siteTickets;
    let c = tickets.get(department);
    if (!c) tickets.set(department, (c = emptyCounts()));
    return c;
  };
  for (const r of rows.dayCounts) {
    for (const c of new Set([countsOf(r.department), siteTickets])) {
      c.served += r.served;
      c.called += r.called;
      c.noShow += r.no_show;
    }
  }
  for (const r of rows.waiting) {
    const since = (r.since ?? []).map(toDate).filter((d): d is Date => d !== null);
    for (const c of new Set([countsOf(r.department), siteTickets])) {
      c.waiting += since.length;
      c.waitingSince.push(...since);
    }
  }
  siteTickets.waitingSince.sort((a, b) => a.getTime() - b.getTime());
  for (const c of tickets.values()) c.waitingSince.sort((a, b) => a.getTime() - b.getTime());

  const service = new Map(rows.service.map((r) => [r.department, { totalSec: toNumber(r.total), count: r.n }]));
  const windows = new Map<string, { done: number; busy: boolean }>();
  for (const r of rows.windowDone) windows.set(r.window, { done: r.done, busy: false });
  for (const w of busyWindows) windows.set(w, { done: windows.get(w)?.done ?? 0, busy: true });
  return { siteTickets, tickets, service, windows, siteWaits: aggregates.site, waits };
}

/** Longest current wait in seconds, or null when nobody waits. */
export function oldestWaitSec(t: TicketCounts | undefined, now: Date): number | null {
  const oldest = t?.waitingSince[0];
  return oldest ? wholeSeconds(oldest, now) : null;
}

/** The queue indicators of one department (or of the site) except the prediction, which needs the windows. */
export function queueValues(t: TicketCounts | undefined, w: WaitAggregate | undefined, now: Date): IndicatorValues {
  const c = t ?? emptyCounts();
  const a = w ?? EMPTY_WAITS;
  return {
    'queue.waiting': c.waiting,
    'queue.wait.avg': roundedMean(a.totalSec, a.count),
    'queue.wait.p90': a.count > 0 ? a.p90Sec : null,
    'queue.wait.max': maxOrNull([a.maxSec, oldestWaitSec(c, now)]),
    'queue.sla': ratio(a.withinTarget, a.count),
    'queue.served': c.served,
    'queue.no_show.rate': ratio(c.noShow, c.called),
  };
}
