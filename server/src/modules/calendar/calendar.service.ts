import type { CalendarDayKind, CalendarDayView } from '@hallwatch/shared';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { Site } from '../registry/site.entity';
import { ALL_SITES_SCOPE } from './calendar-day.entity';
import { calendarFor, caseDeadlines } from '../reviews/follow-up-opening';
import { FollowUpProducer } from '../reviews/jobs/follow-up.producer';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { RollupService } from '../trends/rollup.service';
import { returning } from '../reviews/sql-rows';
import { addDays, daysBetween } from '../../core/time/zoned-time';
import { OPEN_CASE } from '../reviews/follow-up-views';

export interface CalendarEdit {
  from: string;
  to: string;
  kind: CalendarDayKind;
  name: string;
}

const MAX_RANGE_DAYS = 62;

// The working-day calendar an administrator keeps: public holidays and make-up working
// days (调休), for every site or one. An edit moves the deadlines of open cases it touches.
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    // Only the kicks: the CLI passes no-ops and leaves the re-queuing to the sweep.
    @Inject(FollowUpProducer) private readonly producer: Pick<FollowUpProducer, 'kickRollups' | 'kickScheduling'>,
  ) {}

  /** The entries for every site and, with a site, its own; an absent bound leaves that side open. */
  async list(site: Site | null, from?: string, to?: string): Promise<CalendarDayView[]> {
    const rows: Array<{ day: string; kind: CalendarDayKind; name: string; site: string | null }> = await this.ds.query(
      `SELECT c.day::text AS day, c.kind, c.name, s.code AS site FROM calendar_days c LEFT JOIN sites s ON s.id::text = c.scope
       WHERE (c.scope = $1 OR c.scope = $2) AND c.day >= COALESCE($3::date, '-infinity') AND c.day <= COALESCE($4::date, 'infinity')
       ORDER BY c.day, c.scope`,
      [ALL_SITES_SCOPE, site?.id ?? ALL_SITES_SCOPE, from ?? null, to ?? null],
    );
    return rows;
  }

  async set(site: Site | null, who: Actor, edit: CalendarEdit): Promise<CalendarDayView[]> {
    const span = daysBetween(edit.from, edit.to);
    if (span < 0) throw badField('to', 'to must not be before from');
    if (span >= MAX_RANGE_DAYS) throw badField('to', `a range covers at most ${MAX_RANGE_DAYS} days`);
    const days = Array.from({ length: span + 1 }, (_, i) => addDays(edit.from, i));
    await this.change(site, who, days, 'calendar.set', { kind: edit.kind, name: edit.name }, async (em, scope) => {
      await em.query(
        `INSERT INTO calendar_days (scope, day, kind, name, updated_at) SELECT $1, d, $3, $4, now() FROM unnest($2::date[]) d
         ON CONFLICT (scope, day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_at = now()`,
        [scope, days, edit.kind, edit.name],
      );
    });
    return this.list(site, edit.from, edit.to);
  }

  async remove(site: Site | null, who: Actor, day: string): Promise<void> {
    await this.change(site, who, [day], 'calendar.remove', {}, async (em, scope) => {
      const gone = await returning(em, `DELETE FROM calendar_days WHERE scope = $1 AND day = $2 RETURNING day`, [scope, day]);
      if (!gone.length) throw new NotFoundException(`No calendar entry on ${day}${site ? ` for site ${site.code}` : ''}`);
    });
  }

  private async change(
    site: Site | null,
    who: Actor,
    days: string[],
    action: string,
    detail: Record<string, unknown>,
    write: (em: EntityManager, scope: string) => Promise<void>,
  ): Promise<void> {
    const touched = await this.ds.transaction(async (em) => {
      const scope = site?.id ?? ALL_SITES_SCOPE;
      await write(em, scope);
      await recordAudit(em, {
        by: who,
        at: this.clock.now(),
        action,
        site: site?.code ?? null,
        target: `calendar:${days[0]}${days.length > 1 ? `..${days[days.length - 1]}` : ''}`,
        details: { ...detail, site: site?.code ?? null, days: days.length },
      });
      return this.moveDeadlines(em, site, days[0], days[days.length - 1]);
    });
    for (const siteId of touched) this.producer.kickScheduling(siteId);
    if (touched.size) this.producer.kickRollups();
  }

  /** Re-derives the deadlines of open cases whose span covers the edited days; returns the sites touched. */
  private async moveDeadlines(em: EntityManager, site: Site | null, from: string, to: string): Promise<Set<string>> {
    const rows: Array<{ id: string; site_id: string; opened_at: Date; contact_due_at: Date; resolve_due_at: Date; source_day: string }> =
      await em.query(
        `SELECT c.id, c.site_id, c.opened_at, c.contact_due_at, c.resolve_due_at,
           COALESCE(r.service_day, (c.opened_at AT TIME ZONE s.timezone)::date)::text AS source_day
         FROM follow_up_cases c JOIN sites s ON s.id = c.site_id
         LEFT JOIN reviews r ON c.kind = 'review' AND r.site_id = c.site_id AND r.event_id = c.source_id
         WHERE ${OPEN_CASE} AND ($1::uuid IS NULL OR c.site_id = $1)
           -- Coarse in UTC (a day either side); the exact test is the recomputation below.
           AND c.opened_at < ($3::date + 2)::timestamptz AND c.resolve_due_at > ($2::date - 1)::timestamptz
         FOR UPDATE OF c`,
        [site?.id ?? null, from, to],
      );
    const sites = new Map<string, Site>();
    const touched = new Set<string>();
    const now = this.clock.now();
    for (const r of rows) {
      let s = sites.get(r.site_id);
      if (!s) sites.set(r.site_id, (s = (await em.findOneBy(Site, { id: r.site_id }))!));
      const opened = new Date(r.opened_at);
      const due = caseDeadlines(s, opened, await calendarFor(em, s, [opened]));
      if (
        due.contactDueAt.getTime() === new Date(r.contact_due_at).getTime() &&
        due.resolveDueAt.getTime() === new Date(r.resolve_due_at).getTime()
      )
        continue;
      // A deadline moved into the future is no longer missed.
      await em.query(
        `UPDATE follow_up_cases SET contact_due_at = $2::timestamptz, resolve_due_at = $3::timestamptz, scheduled_at = NULL, updated_at = now(),
           contact_overdue_at = CASE WHEN $2::timestamptz > $4::timestamptz THEN NULL ELSE contact_overdue_at END,
           resolve_overdue_at = CASE WHEN $3::timestamptz > $4::timestamptz THEN NULL ELSE resolve_overdue_at END
         WHERE id = $1`,
        [r.id, due.contactDueAt, due.resolveDueAt, now],
      );
      await RollupService.mark(em, r.site_id, [r.source_day]);
      touched.add(r.site_id);
    }
    return touched;
  }
}

// A process without the queue (the CLI): an edit leaves moved cases unscheduled, and the server's sweep re-queues them.
const NO_KICKS = { kickRollups: () => undefined, kickScheduling: () => undefined };

/** The calendar for a process that has no queue to kick, on the real clock unless given one. */
export const calendarWithoutQueue = (ds: DataSource, clock: Clock = new Clock()): CalendarService =>
  new CalendarService(ds, clock, NO_KICKS);
