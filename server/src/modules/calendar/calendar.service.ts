import type { CalendarDayKind, CalendarDayView } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { Site } from '../registry/site.entity';
import { ALL_SITES_SCOPE } from './calendar-day.entity';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { addDays, daysBetween } from '../../core/time/zoned-time';

export interface CalendarEdit {
  from: string;
  to: string;
  kind: CalendarDayKind;
  name: string;
}

const MAX_RANGE_DAYS = 62;

/**
 * Another feature's share of a calendar edit (follow-up deadlines move with it), run inside the
 * edit's transaction; what it returns runs once the edit has committed.
 */
export type CalendarEditHook = (em: EntityManager, site: Site | null, from: string, to: string) => Promise<(() => void) | void>;

// The working-day calendar an administrator keeps: public holidays and make-up working
// days (调休), for every site or one. The features that count in it hook their share of an
// edit in (onEdit), so the calendar knows none of them.
@Injectable()
export class CalendarService {
  private readonly hooks: CalendarEditHook[] = [];

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  onEdit(hook: CalendarEditHook): void {
    this.hooks.push(hook);
  }

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
      const gone = await queryRows(em, `DELETE FROM calendar_days WHERE scope = $1 AND day = $2 RETURNING day`, [scope, day]);
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
    const after = await this.ds.transaction(async (em) => {
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
      const after: Array<() => void> = [];
      for (const hook of this.hooks) {
        const then = await hook(em, site, days[0], days[days.length - 1]);
        if (then) after.push(then);
      }
      return after;
    });
    for (const then of after) then();
  }
}
