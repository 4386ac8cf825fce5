import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';
import { addDays } from '../../core/time/zoned-time';
import { RoundAdvance, RoundStepsService } from './round-steps.service';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { AppliedEventRow, RoundDayRow, StoredRoundEventRow } from './patrol-rows';

/** A stored round.* event, as the ingest transaction or the events table hands it over. */
export interface RoundEvent {
  id: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Projects round.started / round.check / round.completed into the patrol tables. Each event
 * is first claimed in patrol_applied_events; only the transaction that inserts the claim
 * applies it, so an event is projected exactly once whether it arrives through the patrol
 * API or the sweep that catches up on events stored without projection.
 * The effects do not depend on arrival order: the earliest start and completion count.
 */
@Injectable()
export class RoundEventsService {
  constructor(
    private readonly ds: DataSource,
    private readonly steps: RoundStepsService,
  ) {}

  async applyInTransaction(em: EntityManager, site: Site, events: RoundEvent[], now: Date): Promise<RoundAdvance[]> {
    const rounds = events.filter((e) => e.type.startsWith('round.'));
    if (!rounds.length) return [];
    const claimed = await queryRows<AppliedEventRow>(
      em,
      `INSERT INTO patrol_applied_events (site_id, event_id) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [site.id, rounds.map((e) => e.id)],
    );
    const mine = new Set(claimed.map((c) => c.event_id));
    const ordered = rounds
      .filter((e) => mine.has(e.id))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1));
    const touched = new Map<string, string>();
    for (const e of ordered) {
      const roundId = await this.applyOne(em, site, e);
      if (roundId) touched.set(roundId, roundId);
    }
    const out: RoundAdvance[] = [];
    for (const id of touched.keys()) {
      const r = await this.steps.refreshState(em, id, now);
      if (r) out.push(r);
    }
    return out;
  }

  /** Round events of the last two service days stored but not yet projected (stored before the patrol module ran). */
  async projectPending(site: Site, now: Date): Promise<RoundAdvance[]> {
    const today = serviceDay(now, site.timezone);
    return this.ds.transaction(async (em) => {
      const rows = await queryRows<StoredRoundEventRow>(
        em,
        `SELECT e.id, e.type, e.occurred_at, e.data FROM events e
         WHERE e.site_id = $1 AND e.service_day >= $2 AND e.type IN ('round.started', 'round.check', 'round.completed')
           AND NOT EXISTS (SELECT 1 FROM patrol_applied_events a WHERE a.site_id = e.site_id AND a.event_id = e.id)`,
        [site.id, addDays(today, -1)],
      );
      if (!rows.length) return [];
      return this.applyInTransaction(
        em,
        site,
        rows.map((r) => ({ id: r.id, type: r.type, occurredAt: new Date(r.occurred_at), data: r.data })),
        now,
      );
    });
  }

  private async applyOne(em: EntityManager, site: Site, e: RoundEvent): Promise<string | null> {
    const code = str(e.data.round);
    const round = await queryOne<RoundDayRow>(
      em,
      `SELECT id, day::text AS day FROM patrol_rounds WHERE site_id = $1 AND code = $2 FOR UPDATE`,
      [site.id, code],
    );
    // A round the schedule never made (a device's own round id) is kept in events only.
    if (!round) return null;
    if (e.type === 'round.started') {
      await em.query(
        `UPDATE patrol_rounds SET started_at = $2, started_by = $3, updated_at = now() WHERE id = $1 AND (started_at IS NULL OR started_at > $2)`,
        [round.id, e.occurredAt, str(e.data.patroller)],
      );
    } else if (e.type === 'round.completed') {
      await em.query(
        `UPDATE patrol_rounds SET completed_at = $2, completed_by = $3, updated_at = now() WHERE id = $1 AND (completed_at IS NULL OR completed_at > $2)`,
        [round.id, e.occurredAt, str(e.data.patroller)],
      );
    } else {
      await this.applyCheck(em, site, round, e);
    }
    return round.id;
  }

  private async applyCheck(em: EntityManager, site: Site, round: { id: string; day: string }, e: RoundEvent): Promise<void> {
    const d = e.data;
    const checkpoint = str(d.checkpoint) ?? '';
    const severity = str(d.severity);
    // The code is judged against the code posted at the checkpoint when the check was taken (its
    // device time), so a check typed offline from a sheet since rotated still confirms it, and
    // the old code confirms nothing dated after the rotation (docs/contracts/patrol.md).
    const code = str(d.code);
    await em.query(
      `INSERT INTO patrol_checks (site_id, event_id, round_id, checkpoint, result, department, "window", severity, note, occurred_at, code, confirmed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               EXISTS (SELECT 1 FROM patrol_checkpoints c WHERE c.site_id = $1 AND c.code = $4::varchar AND (
                 (c.scan_code = upper($11::varchar) AND (c.scan_code_since IS NULL OR c.scan_code_since <= $10))
                 OR EXISTS (SELECT 1 FROM patrol_retired_codes k WHERE k.checkpoint_id = c.id AND k.scan_code = upper($11::varchar)
                            AND (k.valid_from IS NULL OR k.valid_from <= $10) AND $10 < k.retired_at))))
       ON CONFLICT DO NOTHING`,
      [site.id, e.id, round.id, checkpoint, str(d.result), str(d.department), str(d.window), severity, str(d.note), e.occurredAt, code],
    );
    if (d.result !== 'finding') return;
    await em.query(
      `INSERT INTO patrol_findings (site_id, check_event_id, round_id, day, checkpoint, items, department, "window", severity, note, occurred_at)
       VALUES ($1, $2, $3, $4, $5::varchar, COALESCE((SELECT items FROM patrol_checkpoints WHERE site_id = $1 AND code = $5::varchar), '{}'), $6, $7, $8, $9, $10)
       ON CONFLICT (site_id, check_event_id) DO NOTHING`,
      [site.id, e.id, round.id, round.day, checkpoint, str(d.department), str(d.window), severity, str(d.note), e.occurredAt],
    );
  }
}
