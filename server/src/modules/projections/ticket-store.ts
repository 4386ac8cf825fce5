import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { arrayLiteral, ArrayValue, ms, unnestColumn } from './pg-array';
import { ClaimedTicketRow } from './projection-rows';
import { TicketLife, WaitSegment } from './ticket-life';

// Writes of the ticket projection. Each is one set-based statement for the whole batch: the
// tables carry statement-level triggers that pay per statement, not per row.

export interface TicketKey {
  day: string;
  ticket: string;
}

export interface KeyedLife extends TicketKey {
  life: TicketLife;
}

type Db = EntityManager;

// Ticket codes never hold a space (event validation), so the pair is unambiguous.
export const keyOf = (k: TicketKey): string => `${k.day} ${k.ticket}`;

// Instants arrive as epoch milliseconds (pg-array.ts).
const LIVES_SRC = `(
  SELECT service_day, ticket, status, department, channel, service_item, to_timestamp(issued_at / 1000.0),
    to_timestamp(wait_from / 1000.0), to_timestamp(first_called_at / 1000.0), to_timestamp(last_called_at / 1000.0), call_count,
    "window", staff, to_timestamp(started_at / 1000.0), to_timestamp(ended_at / 1000.0), outcome, transfer_count, event_count,
    to_timestamp(last_event_at / 1000.0), last_event_type, last_event_id
  FROM unnest($2::date[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::int8[], $9::int8[],
    $10::int8[], $11::int8[], $12::int[], $13::varchar[], $14::varchar[], $15::int8[], $16::int8[], $17::varchar[], $18::int[],
    $19::int[], $20::int8[], $21::varchar[], $22::varchar[])
  AS u(service_day, ticket, status, department, channel, service_item, issued_at, wait_from, first_called_at, last_called_at,
    call_count, "window", staff, started_at, ended_at, outcome, transfer_count, event_count, last_event_at, last_event_type,
    last_event_id))`;

const UPSERT_LIVES = `INSERT INTO tickets (site_id, service_day, ticket, status, department, channel, service_item, issued_at,
    wait_from, first_called_at, last_called_at, call_count, "window", staff, started_at, ended_at, outcome, transfer_count,
    event_count, last_event_at, last_event_type, last_event_id)
  SELECT $1, * FROM src
  ON CONFLICT (site_id, service_day, ticket) DO UPDATE SET status = EXCLUDED.status, department = EXCLUDED.department,
    channel = EXCLUDED.channel, service_item = EXCLUDED.service_item, issued_at = EXCLUDED.issued_at,
    wait_from = EXCLUDED.wait_from, first_called_at = EXCLUDED.first_called_at, last_called_at = EXCLUDED.last_called_at,
    call_count = EXCLUDED.call_count, "window" = EXCLUDED."window", staff = EXCLUDED.staff, started_at = EXCLUDED.started_at,
    ended_at = EXCLUDED.ended_at, outcome = EXCLUDED.outcome, transfer_count = EXCLUDED.transfer_count,
    event_count = EXCLUDED.event_count, last_event_at = EXCLUDED.last_event_at, last_event_type = EXCLUDED.last_event_type,
    last_event_id = EXCLUDED.last_event_id`;

/**
 * Writes tickets as new, with their waits, in one statement, and returns the keys of those
 * whose row already existed. Those rows are left as they are but locked (ON CONFLICT DO
 * UPDATE locks the rows its WHERE skips), and their waits are not written, so that this
 * transaction can read and rewrite them with no other writer in between. The unique index,
 * not the planner, finds each row. A new ticket has no waits yet: waits are only written
 * under their ticket's row lock, and deleted with it.
 */
export async function claimLives(em: Db, siteId: string, claim: LivesClaim): Promise<TicketKey[]> {
  if (!claim.params.length) return [];
  return queryRows<ClaimedTicketRow>(
    em,
    `WITH src AS MATERIALIZED ${LIVES_SRC},
     written AS (${UPSERT_LIVES} WHERE false RETURNING service_day, ticket),
     waits AS (
       INSERT INTO ticket_waits (site_id, service_day, ticket, seq, department, wait_from, called_at, abandoned)
       SELECT $1, w.service_day, w.ticket, w.seq, w.department, to_timestamp(w.wait_from / 1000.0), to_timestamp(w.called_at / 1000.0),
         w.abandoned
       FROM unnest($23::date[], $24::varchar[], $25::int[], $26::varchar[], $27::int8[], $28::int8[], $29::bool[])
         AS w(service_day, ticket, seq, department, wait_from, called_at, abandoned)
       WHERE EXISTS (SELECT 1 FROM written x WHERE x.service_day = w.service_day AND x.ticket = w.ticket))
     SELECT s.service_day::text AS day, s.ticket FROM src s
     WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.service_day = s.service_day AND w.ticket = s.ticket)`,
    [siteId, ...claim.params],
  );
}

/** The parameters of claimLives, built apart so that they can be ready before the statement is due. */
export interface LivesClaim {
  params: string[];
}

export function livesClaim(lives: KeyedLife[]): LivesClaim {
  if (!lives.length) return { params: [] };
  const waits = lives.flatMap(({ day, ticket, life }) => life.waits.map((wait) => ({ day, ticket, wait })));
  return { params: [...lifeColumns(lives).map(unnestColumn), ...waitColumns(waits)] };
}

/** Overwrites the rows of tickets this transaction has locked (see claimLives). */
export async function rewriteLives(em: Db, siteId: string, lives: KeyedLife[]): Promise<void> {
  if (!lives.length) return;
  await em.query(`WITH src AS ${LIVES_SRC} ${UPSERT_LIVES}`, [siteId, ...lifeColumns(lives).map(unnestColumn)]);
}

// In the order of the unnest() above.
function lifeColumns(lives: KeyedLife[]): ArrayValue[][] {
  const col = (pick: (l: KeyedLife) => ArrayValue) => lives.map(pick);
  return [
    col((l) => l.day),
    col((l) => l.ticket),
    col((l) => l.life.status),
    col((l) => l.life.department),
    col((l) => l.life.channel),
    col((l) => l.life.serviceItem),
    col((l) => ms(l.life.issuedAt)),
    col((l) => ms(l.life.waitFrom)),
    col((l) => ms(l.life.firstCalledAt)),
    col((l) => ms(l.life.lastCalledAt)),
    col((l) => l.life.callCount),
    col((l) => l.life.window),
    col((l) => l.life.staff),
    col((l) => ms(l.life.startedAt)),
    col((l) => ms(l.life.endedAt)),
    col((l) => l.life.outcome),
    col((l) => l.life.transferCount),
    col((l) => l.life.eventCount),
    col((l) => ms(l.life.lastEvent?.occurredAt ?? null)),
    col((l) => l.life.lastEvent?.type ?? null),
    col((l) => l.life.lastEvent?.id ?? null),
  ];
}

export interface WaitRow extends TicketKey {
  wait: WaitSegment;
}

const waitColumns = (rows: WaitRow[]): string[] =>
  [
    rows.map((r) => r.day),
    rows.map((r) => r.ticket),
    rows.map((r) => r.wait.seq),
    rows.map((r) => r.wait.department),
    rows.map((r) => ms(r.wait.waitFrom)),
    rows.map((r) => ms(r.wait.calledAt)),
    rows.map((r) => r.wait.abandoned),
  ].map(unnestColumn);

/** Inserts new waits and overwrites changed ones, in one statement. */
export async function upsertWaits(em: Db, siteId: string, rows: WaitRow[]): Promise<void> {
  if (!rows.length) return;
  await em.query(
    `INSERT INTO ticket_waits (site_id, service_day, ticket, seq, department, wait_from, called_at, abandoned)
     SELECT $1, service_day, ticket, seq, department, to_timestamp(wait_from / 1000.0), to_timestamp(called_at / 1000.0), abandoned
     FROM unnest($2::date[], $3::varchar[], $4::int[], $5::varchar[], $6::int8[], $7::int8[], $8::bool[])
       AS u(service_day, ticket, seq, department, wait_from, called_at, abandoned)
     ON CONFLICT (site_id, service_day, ticket, seq) DO UPDATE SET department = EXCLUDED.department, wait_from = EXCLUDED.wait_from,
       called_at = EXCLUDED.called_at, abandoned = EXCLUDED.abandoned`,
    [siteId, ...waitColumns(rows)],
  );
}

/** Deletes each ticket's waits from `fromSeq` on. */
export async function deleteWaits(em: Db, siteId: string, cuts: Array<TicketKey & { fromSeq: number }>): Promise<void> {
  if (!cuts.length) return;
  await em.query(
    `DELETE FROM ticket_waits w USING unnest($2::date[], $3::varchar[], $4::int[]) AS u(service_day, ticket, from_seq)
     WHERE w.site_id = $1 AND w.service_day = u.service_day AND w.ticket = u.ticket AND w.seq >= u.from_seq`,
    [siteId, arrayLiteral(cuts.map((c) => c.day)), arrayLiteral(cuts.map((c) => c.ticket)), arrayLiteral(cuts.map((c) => c.fromSeq))],
  );
}
