import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { queryRows } from '../database/typed-query';
import { METRIC_PREFIX, MetricsRegistry, withinScrape } from './metrics-registry';

/** The pg pool's connections: all it holds, those idle, and requests waiting for one. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

// The work the office has open, across every site (no site label: the number of sites is not
// bounded by configuration), and the connection pool, read when Prometheus scrapes.
const WORK_COUNTS = `
  SELECT 'follow_ups' AS metric, status AS state, count(*)::int AS n FROM follow_up_cases GROUP BY status
  UNION ALL
  SELECT 'notices', CASE WHEN status = 'open' AND deadline < now() THEN 'overdue' ELSE status END, count(*)::int
    FROM patrol_notices GROUP BY 2
  UNION ALL
  SELECT 'rounds', state, count(*)::int FROM patrol_rounds WHERE day >= current_date - 1 GROUP BY state`;

@Injectable()
export class DatabaseMetrics {
  private readonly work: Record<string, Gauge<'state'>>;
  private readonly up: Gauge;

  constructor(
    metrics: MetricsRegistry,
    private readonly ds: DataSource,
  ) {
    const registers = [metrics.registry];
    const pool = (): PgPool | undefined => (ds.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: `${METRIC_PREFIX}db_pool_connections`,
      help: 'PostgreSQL pool connections by state: total (held), idle, waiting (requests queued for one)',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    this.work = Object.fromEntries(
      Object.entries(WORK_METRICS).map(([metric, what]) => [
        metric,
        new Gauge({
          name: `${METRIC_PREFIX}${metric}`,
          help: `${what}, every site, read at scrape time`,
          labelNames: ['state'],
          registers,
        }),
      ]),
    );
    this.up = new Gauge({
      name: `${METRIC_PREFIX}work_counts_up`,
      help: '1 when the follow-up, notice and round counts were read at this scrape, 0 when PostgreSQL did not answer within a second',
      registers,
    });
  }

  /** Reads the open work before the scrape is written (the controller calls it, as for the queues). */
  async refresh(): Promise<void> {
    for (const g of Object.values(this.work)) g.reset();
    const rows = await readWork(this.ds);
    for (const r of rows ?? []) this.work[r.metric]?.set({ state: r.state }, r.n);
    this.up.set(rows ? 1 : 0);
  }
}

interface WorkRow {
  metric: string;
  state: string;
  n: number;
}

const WORK_METRICS: Record<string, string> = {
  follow_ups: 'Follow-up cases by status',
  notices: 'Patrol and visit notices by status (open past its deadline: overdue)',
  rounds: 'Patrol rounds of today and yesterday by state',
};

async function readWork(ds: DataSource): Promise<WorkRow[] | null> {
  try {
    return await withinScrape(queryRows<WorkRow>(ds, WORK_COUNTS));
  } catch {
    return null;
  }
}
