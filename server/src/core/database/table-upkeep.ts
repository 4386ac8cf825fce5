import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withoutStatementTimeout } from './data-source';

export interface TableStats {
  /** The table's name, quoted for use in SQL. */
  ident: string;
  live: number;
  dead: number;
  changedSinceAnalyze: number;
  insertedSinceVacuum: number;
}

/** A partitioned table: the rows its last analysis saw (-1 before the first) and its partitions hold now. */
export interface PartitionedStats {
  ident: string;
  analysedRows: number;
  live: number;
}

export interface UpkeepStep {
  ident: string;
  action: 'vacuum' | 'analyze';
}

/**
 * PostgreSQL's own autovacuum rules with its default settings: 50 rows plus 20% dead, or 1,000
 * plus 20% inserted, or 10% changed. The insert rule matters as much as the dead one: only a
 * vacuum marks an append-only table's pages all-visible, and until then counting the open bad
 * reviews visits one heap page per review instead of reading the index alone.
 */
export function upkeepPlan(stats: TableStats[]): UpkeepStep[] {
  const steps: UpkeepStep[] = [];
  for (const s of stats) {
    if (s.dead > 50 + 0.2 * s.live || s.insertedSinceVacuum > 1000 + 0.2 * s.live) steps.push({ ident: s.ident, action: 'vacuum' });
    else if (s.changedSinceAnalyze > 50 + 0.1 * s.live) steps.push({ ident: s.ident, action: 'analyze' });
  }
  return steps;
}

/**
 * A partitioned table has no statistics of its own that autovacuum would keep: only ANALYZE of
 * the parent gives the planner its row counts, for reads that span partitions (a join over every
 * site). Analysed when its partitions' rows moved by 50 plus a tenth since then, like a table.
 */
export function partitionedPlan(stats: PartitionedStats[]): UpkeepStep[] {
  return stats
    .filter((s) => (s.analysedRows < 0 ? s.live > 0 : Math.abs(s.live - s.analysedRows) > 50 + 0.1 * s.analysedRows))
    .map((s) => ({ ident: s.ident, action: 'analyze' }));
}

export const UPKEEP_INTERVAL_MS = 20_000;
// One instance at a time: a second VACUUM of the same table would only queue behind the first.
// Whoever holds this advisory lock keeps upkeep away (the CPU benchmark does, between rounds).
export const UPKEEP_LOCK_KEY = '7701, 0';
const UPKEEP_LOCK = `SELECT pg_try_advisory_lock(${UPKEEP_LOCK_KEY}) AS locked`;
const UPKEEP_UNLOCK = `SELECT pg_advisory_unlock(${UPKEEP_LOCK_KEY})`;

/**
 * Stands in for autovacuum where a server runs without it. Hallwatch's counters and tickets are
 * updated on every batch: unvacuumed, their dead rows pile up and every read of the live
 * indicators slows down as the day goes on; unanalysed, a new hall's tables have no statistics
 * and the planner scans whole tables for a handful of keys. With autovacuum on, this does nothing.
 */
@Injectable()
export class TableUpkeep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TableUpkeep.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly ds: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), UPKEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: what it vacuumed or analysed (nothing when autovacuum is on or another instance is at it). */
  async run(): Promise<UpkeepStep[]> {
    if (this.running || !this.ds.isInitialized) return [];
    this.running = true;
    const runner = this.ds.createQueryRunner();
    try {
      const [{ on }] = await runner.query(`SELECT current_setting('autovacuum') = 'on' AS on`);
      if (on) return [];
      const [{ locked }] = await runner.query(UPKEEP_LOCK);
      if (!locked) return [];
      try {
        const stats: TableStats[] = await runner.query(
          `SELECT format('%I', relname) AS ident, n_live_tup::float8 AS live, n_dead_tup::float8 AS dead,
             n_mod_since_analyze::float8 AS "changedSinceAnalyze", n_ins_since_vacuum::float8 AS "insertedSinceVacuum"
           FROM pg_stat_user_tables WHERE schemaname = current_schema()`,
        );
        const parents: PartitionedStats[] = await runner.query(
          `SELECT format('%I', p.relname) AS ident, p.reltuples::float8 AS "analysedRows", coalesce(sum(t.n_live_tup), 0)::float8 AS live
           FROM pg_class p JOIN pg_inherits i ON i.inhparent = p.oid JOIN pg_stat_user_tables t ON t.relid = i.inhrelid
           WHERE p.relkind = 'p' AND p.relnamespace = current_schema()::regnamespace GROUP BY p.oid`,
        );
        const steps = [...upkeepPlan(stats), ...partitionedPlan(parents)];
        // A large table's VACUUM may take longer than any request should: no time limit for it.
        await withoutStatementTimeout(runner, async () => {
          for (const s of steps) await runner.query(`${s.action === 'vacuum' ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${s.ident}`);
        });
        return steps;
      } finally {
        await runner.query(UPKEEP_UNLOCK);
      }
    } catch (err) {
      this.logger.warn(`table upkeep failed: ${(err as Error).message}`);
      return [];
    } finally {
      await runner.release().catch(() => undefined);
      this.running = false;
    }
  }
}
