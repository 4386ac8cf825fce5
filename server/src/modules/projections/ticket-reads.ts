import { queryRows, SqlTarget } from '../../core/database/typed-query';
import { arrayLiteral } from './pg-array';
import { LifeRow, TicketEventRow } from './projection-rows';
import { TicketEventInput, TicketLife, WaitSegment } from './ticket-life';
import { keyOf, TicketKey } from './ticket-store';

// Reads of the ticket projection, for tickets whose rows this transaction has locked.

const at = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

function lifeOf(r: LifeRow): TicketLife {
  const waits: WaitSegment[] = (r.waits ?? []).map(([seq, department, waitFrom, calledAt, abandoned]) => ({
    seq,
    department,
    waitFrom: new Date(waitFrom),
    calledAt: at(calledAt),
    abandoned,
  }));
  const marked = r.last_event_at !== null && r.last_event_type !== null && r.last_event_id !== null;
  // A wait list with a gap was not written by ticketLife: such a row cannot be carried on.
  const whole = waits.every((w, i) => w.seq === i);
  return {
    status: r.status,
    department: r.department,
    channel: r.channel,
    serviceItem: r.service_item,
    issuedAt: r.issued_at,
    waitFrom: r.wait_from,
    firstCalledAt: r.first_called_at,
    lastCalledAt: r.last_called_at,
    callCount: r.call_count,
    window: r.window,
    staff: r.staff,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    transferCount: r.transfer_count,
    waits,
    eventCount: r.event_count,
    lastEvent: marked && whole ? { occurredAt: r.last_event_at!, type: r.last_event_type!, id: r.last_event_id! } : null,
  };
}

/**
 * The stored lives of these tickets, each with its waits. Every key is looked up through the
 * primary keys (LATERAL makes each lookup a parameterised index scan), so the cost follows the
 * batch and not the table, whatever statistics the planner has: without them (a new hall's
 * database, or one nobody has analysed) joins on the keys were planned as nested loops that
 * re-read the site's whole tables for every ticket.
 */
export async function readLives(em: SqlTarget, siteId: string, keys: TicketKey[]): Promise<Map<string, TicketLife>> {
  const rows = await queryRows<LifeRow>(
    em,
    `SELECT k.day::text AS day, t.ticket, t.status, t.department, t.channel, t.service_item, t.issued_at, t.wait_from,
       t.first_called_at, t.last_called_at, t.call_count, t."window", t.staff, t.started_at, t.ended_at, t.outcome, t.transfer_count,
       t.event_count, t.last_event_at, t.last_event_type, t.last_event_id, w.waits
     FROM unnest($2::date[], $3::varchar[]) AS k(day, ticket)
     CROSS JOIN LATERAL (SELECT * FROM tickets WHERE site_id = $1 AND service_day = k.day AND ticket = k.ticket) t
     CROSS JOIN LATERAL (
       SELECT json_agg(json_build_array(seq, department, wait_from, called_at, abandoned) ORDER BY seq) AS waits
       FROM ticket_waits WHERE site_id = $1 AND service_day = k.day AND ticket = k.ticket) w`,
    keyParams(siteId, keys),
  );
  return new Map(rows.map((r) => [keyOf(r), lifeOf(r)]));
}

const keyParams = (siteId: string, keys: TicketKey[]) => [
  siteId,
  arrayLiteral(keys.map((k) => k.day)),
  arrayLiteral(keys.map((k) => k.ticket)),
];

/** Every stored event of these tickets, for the lives that must be replayed from the start. */
export async function readTicketEvents(em: SqlTarget, siteId: string, keys: TicketKey[]): Promise<Map<string, TicketEventInput[]>> {
  const rows = await queryRows<TicketEventRow>(
    em,
    // Per key through the (site, day, ticket) index, as readLives does.
    `SELECT e.id, e.type, e.occurred_at, e.data, k.day::text AS day, k.ticket
       FROM unnest($2::date[], $3::varchar[]) AS k(day, ticket)
       CROSS JOIN LATERAL (
         SELECT id, type, occurred_at, data FROM events
         WHERE site_id = $1 AND service_day = k.day AND ticket = k.ticket AND ticket IS NOT NULL) e`,
    keyParams(siteId, keys),
  );
  const byKey = new Map<string, TicketEventInput[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = byKey.get(k) ?? [];
    list.push({ id: r.id, type: r.type, occurredAt: new Date(r.occurred_at), data: r.data });
    byKey.set(k, list);
  }
  return byKey;
}
