import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_SITES_ID } from './entities/review-daily-rollup.entity';
import { SITE_DAILY_SQL, SITE_HOURLY_SQL } from './rollup-sql';
import { treeDailySql, treeHourlySql } from './rollup-tree-sql';
import { queryRows } from '../../core/database/typed-query';
import { addDays, daysBetween } from '../../core/time/zoned-time';

// Concurrent recomputes of the same rows would each delete and insert them; one lock
// serialises them (flushes are small; a rebuild takes it per month).
export const ROLLUP_LOCK = 0x68770001;
const TIER_ORDER = ['village', 'town', 'hall'];

export interface FlushResult {
  marks: number;
  sites: number;
  days: number;
  /** More marks are waiting than one flush takes. */
  more: boolean;
}

@Injectable()
export class RollupService {
  constructor(private readonly ds: DataSource) {}

  /** Marks site-days stale; called inside the transaction that changed them. */
  static async mark(em: EntityManager, siteId: string, days: Iterable<string>): Promise<void> {
    const list = [...new Set(days)];
    if (list.length) await em.query(`INSERT INTO review_rollup_marks (site_id, day) SELECT $1, unnest($2::date[])`, [siteId, list]);
  }

  /** Folds a chunk of stale marks into the rollups, deleting the marks in the same transaction. */
  async flush(limit = 5000): Promise<FlushResult> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock($1)`, [ROLLUP_LOCK]);
      const taken = await queryRows<{ site_id: string; day: string }>(
        em,
        `DELETE FROM review_rollup_marks WHERE id IN (SELECT id FROM review_rollup_marks ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING site_id, day::text AS day`,
        [limit],
      );
      const sites = [...new Set(taken.map((m) => m.site_id))];
      const days = [...new Set(taken.map((m) => m.day))].sort();
      if (taken.length) await this.recompute(em, sites, days);
      const [{ more }] = await em.query(`SELECT EXISTS (SELECT 1 FROM review_rollup_marks) AS more`);
      return { marks: taken.length, sites: sites.length, days: days.length, more: more === true && taken.length > 0 };
    });
  }

  /** Flushes until no mark is left (tests, and the sweep after an outage). */
  async flushAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await this.flush();
      total += r.marks;
      if (!r.more) return total;
    }
  }

  /** Re-derives every rollup of the given sites (every site when null) over [from, to], a month per transaction. */
  async rebuild(siteIds: string[] | null, from: string, to: string, progress?: (done: string) => void): Promise<void> {
    const ids: string[] = siteIds ?? (await this.ds.query(`SELECT id FROM sites`)).map((r: { id: string }) => r.id);
    if (!ids.length) return;
    for (let start = from; daysBetween(start, to) >= 0;) {
      const end = minDay(to, addDays(start, 30));
      const days = Array.from({ length: daysBetween(start, end) + 1 }, (_, i) => addDays(start, i));
      await this.ds.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock($1)`, [ROLLUP_LOCK]);
        // A month of a city is grouped six ways at once; the default 4 MB would sort on disk.
        await em.query(`SET LOCAL work_mem = '128MB'`);
        await this.recompute(em, ids, days);
      });
      progress?.(end);
      start = addDays(end, 1);
    }
  }

  private async recompute(em: EntityManager, siteIds: string[], days: string[]): Promise<void> {
    for (const sql of [...SITE_DAILY_SQL, ...SITE_HOURLY_SQL]) await em.query(sql, [siteIds, days]);
    // Every site above a changed one holds it in its tree; leaves keep no tree of their own.
    const sites: SiteNode[] = await em.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM sites WHERE id = ANY($1::uuid[])
         UNION SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id)
       SELECT s.id, s.parent_id, s.code, s.tier, NOT EXISTS (SELECT 1 FROM sites k WHERE k.parent_id = s.id) AS leaf
       FROM sites s WHERE s.id IN (SELECT id FROM up)`,
      [siteIds],
    );
    for (const tier of TIER_ORDER) {
      const scopes = sites.filter((s) => s.tier === tier && !s.leaf);
      if (scopes.length) await this.recomputeTrees(em, 'tree', scopes, days);
    }
    await this.recomputeTrees(em, 'all', [{ id: ALL_SITES_ID, parent_id: null, code: '*', tier: 'all', leaf: false }], days);
  }

  private async recomputeTrees(em: EntityManager, level: 'tree' | 'all', scopes: SiteNode[], days: string[]): Promise<void> {
    const ids = scopes.map((s) => s.id);
    // The whole deployment's children are the top sites; everyone else's are the sites below it.
    const children: SiteNode[] = await em.query(
      `SELECT s.id, COALESCE(s.parent_id, $2::uuid) AS parent_id, s.code, s.tier, NOT EXISTS (SELECT 1 FROM sites k WHERE k.parent_id = s.id) AS leaf
       FROM sites s WHERE ($1::bool AND s.parent_id IS NULL) OR s.parent_id = ANY($3::uuid[])`,
      [level === 'all', ALL_SITES_ID, level === 'all' ? [] : ids],
    );
    const kids = [children.map((c) => c.id), children.map((c) => c.parent_id), children.map((c) => c.code), children.map((c) => c.leaf)];
    for (const sql of treeDailySql(level))
      await em.query(sql, sql.startsWith('DELETE') ? [ids, days] : [ids, days, scopes.map((s) => s.code), ...kids]);
    for (const sql of treeHourlySql(level)) await em.query(sql, sql.startsWith('DELETE') ? [ids, days] : [ids, days, ...kids]);
  }
}

interface SiteNode {
  id: string;
  parent_id: string | null;
  code: string;
  tier: string;
  leaf: boolean;
}

const minDay = (a: string, b: string) => (a < b ? a : b);
