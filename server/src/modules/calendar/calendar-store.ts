import type { CalendarDayKind } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { ALL_SITES_SCOPE } from './calendar-day.entity';
import { CalendarExceptions } from '../../core/time/working-calendar';

/** A site's calendar exceptions over [from, to]: its own entries over the ones for every site. */
export async function readExceptions(em: EntityManager, siteId: string, from: string, to: string): Promise<CalendarExceptions> {
  const rows: Array<{ scope: string; day: string; kind: CalendarDayKind }> = await em.query(
    `SELECT scope, day::text AS day, kind FROM calendar_days WHERE scope IN ($1, $2) AND day BETWEEN $3 AND $4`,
    [ALL_SITES_SCOPE, siteId, from, to],
  );
  const out = new Map<string, CalendarDayKind>();
  for (const r of rows) if (r.scope === ALL_SITES_SCOPE) out.set(r.day, r.kind);
  for (const r of rows) if (r.scope !== ALL_SITES_SCOPE) out.set(r.day, r.kind);
  return out;
}
