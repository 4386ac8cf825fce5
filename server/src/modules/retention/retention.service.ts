import {
  RETENTION_MIN_DAYS,
  DEFAULT_RETENTION_POLICY,
  type RetentionPlanView,
  type RetentionRunView,
  type RetentionView,
} from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { queryCount, queryOne } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { archivePath, writeArchive } from './event-archive';
import { EventMonth, RetentionPlan, retentionPlan } from './retention-plan';
import { RetentionPolicyService } from './retention-policy.service';
import { RunRow } from './retention-rows';

/** One purge at a time across every process: the daily job, a second server's job, the CLI. */
const LOCK = `pg_try_advisory_lock(hashtext('hallwatch.retention'))`;
const UNLOCK = `pg_advisory_unlock(hashtext('hallwatch.retention'))`;

/** Audit details carry ids, not values; this many of them, the count says the rest. */
const AUDIT_IDS = 50;

const runView = (r: RunRow): RetentionRunView => ({
  id: r.id,
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  trigger: r.trigger,
  actor: r.actor,
  phones: r.phones,
  events: r.events,
  photos: r.photos,
  files: r.files,
  error: r.error,
});

// Erases what the policy says is no longer needed: citizens' phone numbers after their
// follow-up closed, raw events once their rollups are final (archived to files or deleted),
// patrol photos. Every purge is audited; the run itself is recorded for the admin screen.
@Injectable()
export class RetentionService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly policies: RetentionPolicyService,
  ) {}

  async view(): Promise<RetentionView> {
    const { policy, updatedAt, updatedBy } = await this.policies.get();
    const last = await queryOne<RunRow>(this.ds, `SELECT * FROM retention_runs ORDER BY started_at DESC, id LIMIT 1`);
    return {
      policy,
      minimums: RETENTION_MIN_DAYS,
      defaults: { ...DEFAULT_RETENTION_POLICY },
      updatedAt: updatedAt?.toISOString() ?? null,
      updatedBy,
      lastRun: last ? runView(last) : null,
    };
  }

  /** The dry run: what a run now would erase, changing nothing. */
  async plan(): Promise<RetentionPlanView> {
    const { policy } = await this.policies.get();
    return (await retentionPlan(this.ds, policy, this.clock.now())).view;
  }

  /** The real run: erases exactly what the plan at its start lists. */
  async run(trigger: 'job' | 'cli', by: Actor): Promise<{ run: RetentionRunView; plan: RetentionPlanView }> {
    const lockRunner = this.ds.createQueryRunner();
    await lockRunner.connect();
    try {
      const [{ locked }] = (await lockRunner.query(`SELECT ${LOCK} AS locked`)) as Array<{ locked: boolean }>;
      if (!locked) throw new Error('Another retention run is under way; try again when it has finished');
      try {
        return await this.runLocked(trigger, by);
      } finally {
        await lockRunner.query(`SELECT ${UNLOCK}`);
      }
    } finally {
      await lockRunner.release();
    }
  }

  private async runLocked(trigger: 'job' | 'cli', by: Actor): Promise<{ run: RetentionRunView; plan: RetentionPlanView }> {
    const now = this.clock.now();
    const { policy } = await this.policies.get();
    const plan = await retentionPlan(this.ds, policy, now);
    const [{ id }] = (await this.ds.query(
      `INSERT INTO retention_runs (started_at, trigger, actor) VALUES ($1, $2, $3) RETURNING id::text AS id`,
      [now, trigger, by.actor],
    )) as Array<{ id: string }>;
    const done = { phones: 0, events: 0, photos: 0, files: [] as string[] };
    try {
      done.phones = await this.erasePhones(plan, by, now, id);
      for (const m of plan.events) {
        const { file, count } = await this.purgeEvents(m, policy.eventAction, by, now, id);
        done.events += count;
        if (file) done.files.push(file);
      }
      done.photos = await this.deletePhotos(plan, by, now, id);
      await this.finish(id, done, null);
    } catch (err) {
      await this.finish(id, done, (err as Error).message);
      throw err;
    }
    const row = (await queryOne<RunRow>(this.ds, `SELECT * FROM retention_runs WHERE id = $1`, [id]))!;
    return { run: runView(row), plan: plan.view };
  }

  private async finish(id: string, done: { phones: number; events: number; photos: number; files: string[] }, error: string | null) {
    await this.ds.query(
      `UPDATE retention_runs SET finished_at = $2, phones = $3, events = $4, photos = $5, files = $6::text[], error = $7 WHERE id = $1`,
      [id, this.clock.now(), done.phones, done.events, done.photos, done.files, error],
    );
  }

  private async erasePhones(plan: RetentionPlan, by: Actor, at: Date, runId: string): Promise<number> {
    const { reviews, complaints } = plan.phones;
    if (!reviews.length && !complaints.length) return 0;
    return this.ds.transaction(async (em) => {
      let n = 0;
      for (const [table, rows] of [
        ['reviews', reviews],
        ['complaints', complaints],
      ] as const)
        if (rows.length)
          n += await queryCount(
            em,
            `UPDATE ${table} x SET phone_enc = NULL FROM unnest($1::uuid[], $2::text[]) AS k(site_id, event_id)
              WHERE x.site_id = k.site_id AND x.event_id = k.event_id AND x.phone_enc IS NOT NULL`,
            [rows.map((r) => r.site_id), rows.map((r) => r.event_id)],
          );
      await recordAudit(em, {
        action: 'retention.phones.erase',
        by,
        at,
        target: 'reviews, complaints',
        details: {
          run: runId,
          count: n,
          before: plan.view.cutoffs.phones,
          reviews: plan.view.phones.reviews.slice(0, AUDIT_IDS),
          complaints: plan.view.phones.complaints.slice(0, AUDIT_IDS),
        },
      });
      return n;
    });
  }

  /** One site-month: archived (file written and synced first) or deleted, with its audit entry, in one transaction. */
  private async purgeEvents(
    m: EventMonth,
    action: 'archive' | 'delete',
    by: Actor,
    at: Date,
    runId: string,
  ): Promise<{ file: string | null; count: number }> {
    const rel = action === 'archive' ? archivePath(m, runId) : null;
    try {
      const count = await this.ds.transaction(async (em: EntityManager) => {
        const written = rel ? await writeArchive(em, m, this.config.DATA_DIR, rel) : null;
        const deleted = await queryCount(
          em,
          `DELETE FROM events WHERE site_id = $1 AND service_day >= $2::date AND service_day <= $3::date AND service_day < $4::date`,
          [m.siteId, m.from, m.to, m.beforeDay],
        );
        // The file holds exactly the rows deleted, or nothing is deleted (an event arrived in between).
        if (written !== null && written !== deleted)
          throw new Error(`${m.site} ${m.month}: archived ${written} events but ${deleted} were due`);
        await recordAudit(em, {
          action: rel ? 'retention.events.archive' : 'retention.events.delete',
          by,
          at,
          site: m.site,
          target: `events ${m.site} ${m.from}…${m.to}`,
          details: { run: runId, month: m.month, from: m.from, to: m.to, count: deleted, file: rel },
        });
        return deleted;
      });
      return { file: rel, count };
    } catch (err) {
      if (rel) await rm(join(this.config.DATA_DIR, rel), { force: true });
      throw err;
    }
  }

  private async deletePhotos(plan: RetentionPlan, by: Actor, at: Date, runId: string): Promise<number> {
    if (!plan.photos.length) return 0;
    const bySite = new Map<string, typeof plan.photos>();
    for (const p of plan.photos) bySite.set(p.code, [...(bySite.get(p.code) ?? []), p]);
    let total = 0;
    for (const [site, rows] of bySite)
      total += await this.ds.transaction(async (em) => {
        const n = await queryCount(em, `DELETE FROM patrol_photos WHERE site_id = $1 AND check_event_id = ANY($2::text[])`, [
          rows[0].site_id,
          rows.map((r) => r.check_event_id),
        ]);
        await recordAudit(em, {
          action: 'retention.photos.delete',
          by,
          at,
          site,
          target: `patrol photos ${site}`,
          details: {
            run: runId,
            count: n,
            before: plan.view.cutoffs.photos,
            checks: rows.slice(0, AUDIT_IDS).map((r) => r.check_event_id),
          },
        });
        return n;
      });
    return total;
  }
}
