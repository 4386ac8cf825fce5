import { IndicatorValues } from '@hallwatch/shared';
import { maxOrNull, ratio, RECENT_SERVICES, roundedMean, wholeSeconds } from './indicator-math';
import { Sql, toNumber } from './sql';

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

const EMPTY_WAITS: WaitAggregate = { count: 0, totalSec: 0, maxSec: null, p90Sec: null, withinTarget: 0 };
const emptyCounts = (): TicketCounts => ({ waiting: 0, served: 0, called: 0, noShow: 0, waitingSince: [] });

// Every query is bounded by today's tickets of one site and walks the (site_id, service_day, …) indexes.
export async function readQueueFacts(sql: Sql, siteId: string, day: string, defaultTargetSec: number): Promise<QueueFacts> {
  const waitRows = await sql<{
    department: string | null;
    site_row: number;
    n: number;
    total: string;
    max: number | null;
    p90: number | null;
    within: number;
  }>(
    `WITH w AS (
       SELECT tw.department, GREATEST(0, floor(extract(epoch FROM tw.called_at - tw.wait_from)))::int AS secs,
              COALESCE(d.wait_target_sec, $3) AS target
       FROM ticket_waits tw LEFT JOIN departments d ON d.site_id = tw.site_id AND d.code = tw.department
       WHERE tw.site_id = $1 AND tw.service_day = $2 AND tw.called_at IS NOT NULL)
     SELECT department, GROUPING(department) AS site_row, count(*)::int AS n, sum(secs)::bigint AS total, max(secs) AS max,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY secs) AS p90, count(*) FILTER (WHERE secs <= target)::int AS within
     FROM w GROUP BY GROUPING SETS ((department), ())`,
    [siteId, day, defaultTargetSec],
  );
  let siteWaits = EMPTY_WAITS;
  const waits = new Map<string, WaitAggregate>();
  for (const r of waitRows) {
    const agg = { count: r.n, totalSec: toNumber(r.total), maxSec: r.max, p90Sec: r.p90, withinTarget: r.within };
    if (r.site_row === 1) siteWaits = agg;
    else if (r.department !== null) waits.set(r.department, agg);
  }

  const ticketRows = await sql<{
    department: string | null;
    waiting: number;
    served: number;
    called: number;
    no_show: number;
    since: Date[] | null;
  }>(
    `SELECT department, count(*) FILTER (WHERE status = 'waiting')::int AS waiting, count(*) FILTER (WHERE status = 'done')::int AS served,
            count(*) FILTER (WHERE call_count > 0)::int AS called, count(*) FILTER (WHERE status = 'no_show' AND call_count > 0)::int AS no_show,
            array_agg(wait_from ORDER BY wait_from) FILTER (WHERE status = 'waiting') AS since
     FROM tickets WHERE site_id = $1 AND service_day = $2 GROUP BY department`,
    [siteId, day],
  );
  const siteTickets = emptyCounts();
  const tickets = new Map<string, TicketCounts>();
  for (const r of ticketRows) {
    const c: TicketCounts = { waiting: r.waiting, served: r.served, called: r.called, noShow: r.no_show, waitingSince: r.since ?? [] };
    siteTickets.waiting += c.waiting;
    siteTickets.served += c.served;
    siteTickets.called += c.called;
    siteTickets.noShow += c.noShow;
    siteTickets.waitingSince.push(...c.waitingSince);
    if (r.department !== null) tickets.set(r.department, c);
  }
  siteTickets.waitingSince.sort((a, b) => a.getTime() - b.getTime());

  // Service starts at ticket.started, or at the last call when the window skipped "started".
  const serviceRows = await sql<{ department: string; n: number; total: string }>(
    `SELECT department, count(*)::int AS n, sum(secs)::bigint AS total FROM (
       SELECT department, GREATEST(0, floor(extract(epoch FROM ended_at - COALESCE(started_at, last_called_at))))::int AS secs,
              row_number() OVER (PARTITION BY department ORDER BY ended_at DESC, ticket DESC) AS rn
       FROM tickets
       WHERE site_id = $1 AND service_day = $2 AND status = 'done' AND department IS NOT NULL
         AND ended_at IS NOT NULL AND COALESCE(started_at, last_called_at) IS NOT NULL) s
     WHERE rn <= $3 GROUP BY department`,
    [siteId, day, RECENT_SERVICES],
  );
  const service = new Map(serviceRows.map((r) => [r.department, { totalSec: toNumber(r.total), count: r.n }]));

  const windowRows = await sql<{ window: string; done: number; busy: boolean }>(
    `SELECT "window", count(*) FILTER (WHERE status = 'done')::int AS done, bool_or(status IN ('called', 'serving')) AS busy
     FROM tickets WHERE site_id = $1 AND service_day = $2 AND status IN ('called', 'serving', 'done') AND "window" IS NOT NULL
     GROUP BY "window"`,
    [siteId, day],
  );
  const windows = new Map(windowRows.map((r) => [r.window, { done: r.done, busy: r.busy }]));
  return { siteWaits, waits, siteTickets, tickets, service, windows };
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
