import { IndicatorValues } from '@hallwatch/shared';
import { maxOrNull, ratio, RECENT_SERVICES, roundedMean, wholeSeconds } from './indicator-math';
import { Sql, toNumber } from './sql';
import { aggregateWaits, SecondBucket } from './wait-histogram';

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

// Every query reads the live_* aggregates, or rows bounded by what is happening now (the
// tickets waiting or at a window, the last few services per department), never the whole day.
export async function readQueueFacts(
  sql: Sql,
  siteId: string,
  day: string,
  targetOf: (department: string | null) => number,
): Promise<QueueFacts> {
  const minuteRows = await sql<{ department: string; minute: number; n: number; total: string }>(
    `SELECT department, minute, n, total_sec AS total FROM live_wait_minutes WHERE site_id = $1 AND service_day = $2 AND n <> 0`,
    [siteId, day],
  );
  const aggregates = await aggregateWaits(
    minuteRows.map((r) => ({ department: r.department, minute: r.minute, n: r.n, totalSec: toNumber(r.total) })),
    (d) => targetOf(d === '' ? null : d),
    (pairs) =>
      sql<SecondBucket>(
        `SELECT s.department, s.secs, s.n FROM unnest($3::varchar[], $4::int[]) AS u(department, minute)
         JOIN live_wait_seconds s ON s.site_id = $1 AND s.service_day = $2 AND s.department = u.department
          AND s.secs BETWEEN u.minute * 60 AND u.minute * 60 + 59
         WHERE s.n <> 0`,
        [siteId, day, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      ),
  );
  const waits = new Map([...aggregates.departments].filter(([d]) => d !== ''));

  const countRows = await sql<{ department: string; served: number; called: number; no_show: number }>(
    `SELECT department, served, called, no_show FROM live_day_counts WHERE site_id = $1 AND service_day = $2`,
    [siteId, day],
  );
  const waitingRows = await sql<{ department: string | null; since: Date[] }>(
    `SELECT department, array_agg(wait_from ORDER BY wait_from) AS since
     FROM tickets WHERE site_id = $1 AND service_day = $2 AND status = 'waiting' GROUP BY department`,
    [siteId, day],
  );
  const siteTickets = emptyCounts();
  const tickets = new Map<string, TicketCounts>();
  const countsOf = (department: string | null): TicketCounts => {
    if (department === null || department === '') return siteTickets;
    let c = tickets.get(department);
    if (!c) tickets.set(department, (c = emptyCounts()));
    return c;
  };
  for (const r of countRows) {
    if (r.served === 0 && r.called === 0 && r.no_show === 0) continue;
    for (const c of new Set([countsOf(r.department), siteTickets])) {
      c.served += r.served;
      c.called += r.called;
      c.noShow += r.no_show;
    }
  }
  for (const r of waitingRows) {
    // Waiting is counted from the tickets themselves: they are the queue, and bounded by it.
    const since = (r.since ?? []).filter((d) => d !== null);
    for (const c of new Set([countsOf(r.department), siteTickets])) {
      c.waiting += since.length;
      c.waitingSince.push(...since);
    }
  }
  siteTickets.waitingSince.sort((a, b) => a.getTime() - b.getTime());

  // Service starts at ticket.started, or at the last call when the window skipped "started".
  const serviceRows = await sql<{ department: string; n: number; total: string }>(
    `SELECT c.department, count(*)::int AS n, sum(s.secs)::bigint AS total
     FROM live_day_counts c
     CROSS JOIN LATERAL (
       SELECT GREATEST(0, floor(extract(epoch FROM t.ended_at - COALESCE(t.started_at, t.last_called_at))))::int AS secs
       FROM tickets t
       WHERE t.site_id = c.site_id AND t.service_day = c.service_day AND t.department = c.department AND t.status = 'done'
         AND t.ended_at IS NOT NULL AND COALESCE(t.started_at, t.last_called_at) IS NOT NULL
       ORDER BY t.ended_at DESC, t.ticket DESC LIMIT $3) s
     WHERE c.site_id = $1 AND c.service_day = $2 AND c.department <> '' AND c.served > 0
     GROUP BY c.department`,
    [siteId, day, RECENT_SERVICES],
  );
  const service = new Map(serviceRows.map((r) => [r.department, { totalSec: toNumber(r.total), count: r.n }]));

  const windows = new Map<string, { done: number; busy: boolean }>();
  const doneRows = await sql<{ window: string; done: number }>(
    `SELECT "window", done FROM live_window_counts WHERE site_id = $1 AND service_day = $2 AND done > 0`,
    [siteId, day],
  );
  for (const r of doneRows) windows.set(r.window, { done: r.done, busy: false });
  const busyRows = await sql<{ window: string }>(
    `SELECT DISTINCT "window" FROM tickets
     WHERE site_id = $1 AND service_day = $2 AND status IN ('called', 'serving') AND "window" IS NOT NULL`,
    [siteId, day],
  );
  for (const r of busyRows) windows.set(r.window, { done: windows.get(r.window)?.done ?? 0, busy: true });
  return { siteWaits: aggregates.site, waits, siteTickets, tickets, service, windows };
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
