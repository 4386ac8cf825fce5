import { AnyHallEvent } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { ArrayValue, ms, unnestColumn } from '../projections/pg-array';

export interface EventRow {
  event: AnyHallEvent;
  /** Parsed by validation: stored to the millisecond, like every instant the projections keep. */
  occurredAt: Date;
  /** The data as stored: phone numbers already masked. */
  data: Record<string, unknown>;
  serviceDay: string;
  unknownRefs: string[];
}

/**
 * Stores a batch's events in one statement and returns the ids that were already stored
 * (the idempotency key is the primary key, so a concurrent send of the same id waits for
 * the other transaction and then counts as a duplicate).
 */
export async function insertEvents(em: Pick<EntityManager, 'query'>, siteId: string, rows: EventRow[]): Promise<Set<string>> {
  const column = (pick: (r: EventRow) => ArrayValue) => unnestColumn(rows.map(pick));
  const dups: Array<{ id: string }> = await em.query(
    `WITH src AS MATERIALIZED (
       SELECT id, type, to_timestamp(occurred_ms / 1000.0) AS occurred_at, service_day, ticket, data, refs
       FROM unnest($2::varchar[], $3::varchar[], $4::int8[], $5::date[], $6::varchar[], $7::jsonb[], $8::text[])
         AS u(id, type, occurred_ms, service_day, ticket, data, refs)),
     stored AS (
       INSERT INTO events (site_id, id, type, occurred_at, service_day, ticket, data, unknown_refs)
       SELECT $1, id, type, occurred_at, service_day, ticket, data, COALESCE(string_to_array(refs, ' '), '{}') FROM src
       ON CONFLICT (site_id, id) DO NOTHING RETURNING id)
     SELECT s.id FROM src s WHERE NOT EXISTS (SELECT 1 FROM stored WHERE stored.id = s.id)`,
    [
      siteId,
      column((r) => r.event.id),
      column((r) => r.event.type),
      column((r) => ms(r.occurredAt)),
      column((r) => r.serviceDay),
      column((r) => (r.event.type.startsWith('ticket.') ? (r.event.data as { ticket: string }).ticket : null)),
      column((r) => JSON.stringify(r.data)),
      // Codes hold no spaces (event validation), so a space separates them.
      column((r) => (r.unknownRefs.length ? r.unknownRefs.join(' ') : null)),
    ],
  );
  return new Set(dups.map((d) => d.id));
}
