import { EventTypeIn, HallEventOf } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import type { NewEvent, ProjectionChange } from './projector';
import { continueLife, continuesLife, TicketEventInput, ticketLife, WaitSegment } from './ticket-life';
import {
  claimLives,
  LivesClaim,
  livesClaim,
  deleteWaits,
  keyOf,
  KeyedLife,
  rewriteLives,
  TicketKey,
  upsertWaits,
  WaitRow,
} from './ticket-store';
import { readLives, readTicketEvents } from './ticket-reads';

interface TicketBatch extends TicketKey {
  events: TicketEventInput[];
}

const sameTime = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : a.getTime() === b.getTime());
const sameWait = (a: WaitSegment | undefined, b: WaitSegment) =>
  a !== undefined &&
  a.seq === b.seq &&
  a.department === b.department &&
  a.abandoned === b.abandoned &&
  sameTime(a.waitFrom, b.waitFrom) &&
  sameTime(a.calledAt, b.calledAt);

/** A ticket.* event: its data always names the ticket. */
export type TicketEvent = NewEvent<HallEventOf<EventTypeIn<'ticket'>>>;

function groupByTicket(events: TicketEvent[]): Map<string, TicketBatch> {
  const groups = new Map<string, TicketBatch>();
  for (const e of events) {
    const key = { day: e.serviceDay, ticket: e.event.data.ticket };
    const k = keyOf(key);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ...key, events: [] }));
    g.events.push({ id: e.event.id, type: e.event.type, occurredAt: e.occurredAt, data: e.event.data });
  }
  return groups;
}

/** What projectTickets will write, worked out from the events alone (no database). */
export interface TicketPlan {
  groups: Map<string, TicketBatch>;
  lives: KeyedLife[];
  claim: LivesClaim;
}

export function planTickets(events: TicketEvent[]): TicketPlan {
  const groups = groupByTicket(events);
  // Sorted so that concurrent batches lock ticket rows in the same order.
  const lives: KeyedLife[] = [...groups.keys()]
    .sort()
    .map((k) => groups.get(k)!)
    .map((b) => ({ day: b.day, ticket: b.ticket, life: ticketLife(b.events) }));
  return { groups, lives, claim: livesClaim(lives) };
}

/**
 * Brings the tickets of a batch's new events up to date in few statements.
 *
 * Every ticket is first written as if it were new (its life from the batch's events alone).
 * That stands for tickets without a row, since a row is written in the same transaction as
 * each of its ticket's events. Rows that exist are not overwritten but locked, then read:
 * a ticket whose new events all come after its row's last one is carried on from the row;
 * a late or out-of-order event has the ticket replayed from all its stored events. Either
 * way the row ends as ticketLife(every event of the ticket), whatever the arrival order.
 */
export async function projectTickets(em: EntityManager, siteId: string, plan: TicketPlan, change: ProjectionChange): Promise<void> {
  const { groups, lives } = plan;
  // All waits on other transactions happen in this one statement: after it, the aggregate
  // triggers hold a per-site lock, and waiting for a row then could close a deadlock.
  const existing = await claimLives(em, siteId, plan.claim);
  if (!existing.length) {
    noteChange(lives, change);
    return;
  }

  const stored = await readLives(em, siteId, existing);
  const carried = (k: TicketKey) => {
    const life = stored.get(keyOf(k));
    return life && continuesLife(life, groups.get(keyOf(k))!.events) ? life : null;
  };
  const replay = existing.filter((k) => !carried(k));
  const history = replay.length ? await readTicketEvents(em, siteId, replay) : new Map<string, TicketEventInput[]>();
  const rewrite: KeyedLife[] = existing.map((k) => {
    const from = carried(k);
    const life = from ? continueLife(from, groups.get(keyOf(k))!.events) : ticketLife(history.get(keyOf(k)) ?? []);
    return { ...k, life };
  });
  await rewriteLives(em, siteId, rewrite);

  // Only the waits that changed are written.
  const upserts: WaitRow[] = [];
  const cuts: Array<TicketKey & { fromSeq: number }> = [];
  for (const { day, ticket, life } of rewrite) {
    const old = stored.get(keyOf({ day, ticket }))?.waits ?? [];
    if (old.length > life.waits.length) cuts.push({ day, ticket, fromSeq: life.waits.length });
    life.waits.forEach((w, i) => sameWait(old[i], w) || upserts.push({ day, ticket, wait: w }));
  }
  await deleteWaits(em, siteId, cuts);
  await upsertWaits(em, siteId, upserts);
  const final = new Map(rewrite.map((r) => [keyOf(r), r.life]));
  noteChange(
    lives.map((l) => ({ ...l, life: final.get(keyOf(l)) ?? l.life })),
    change,
  );
}

function noteChange(lives: KeyedLife[], change: ProjectionChange): void {
  for (const { life } of lives) {
    if (life.department) change.departments.add(life.department);
    for (const w of life.waits) if (w.department) change.departments.add(w.department);
  }
  change.tickets += lives.length;
}
