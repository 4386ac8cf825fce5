import { AnyHallEvent } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { PhoneCipher } from '../../core/privacy/phone-cipher';
import { ReplayEventRow } from './projection-rows';
import { NewEvent, Projector } from './projector';

const PAGE = 2000;

/**
 * Rebuilds the ticket and presence projections of a site from its stored events alone.
 * Reviews and complaints are left alone: they carry follow-up work done by people.
 */
export async function rebuildProjections(ds: DataSource, siteId: string, phoneSecret: string): Promise<{ events: number }> {
  const projector = new Projector(new PhoneCipher(phoneSecret));
  return ds.transaction(async (em) => {
    await em.query(`DELETE FROM ticket_waits WHERE site_id = $1`, [siteId]);
    await em.query(`DELETE FROM tickets WHERE site_id = $1`, [siteId]);
    await em.query(`DELETE FROM staff_presence WHERE site_id = $1`, [siteId]);
    let after: { at: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const rows: ReplayEventRow[] = await queryRows<ReplayEventRow>(
        em,
        `SELECT id, type, occurred_at, service_day::text AS day, data FROM events
         WHERE site_id = $1 AND (type LIKE 'ticket.%' OR type LIKE 'staff.%')
           AND ($2::timestamptz IS NULL OR (occurred_at, id) > ($2, $3))
         ORDER BY occurred_at, id LIMIT ${PAGE}`,
        [siteId, after?.at ?? null, after?.id ?? ''],
      );
      if (!rows.length) break;
      const batch: NewEvent[] = rows.map((r) => ({
        event: { id: r.id, type: r.type, occurredAt: new Date(r.occurred_at).toISOString(), data: r.data } as AnyHallEvent,
        occurredAt: new Date(r.occurred_at),
        serviceDay: r.day,
      }));
      await projector.apply(em, siteId, batch);
      total += rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.occurred_at, id: last.id };
    }
    return { events: total };
  });
}
