import { TicketStatus } from './ticket.entity';

export interface TicketEventInput {
  id: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/** Where an event sits in a ticket's hall order. */
export type TicketEventKey = Pick<TicketEventInput, 'id' | 'type' | 'occurredAt'>;

export interface WaitSegment {
  seq: number;
  department: string | null;
  waitFrom: Date;
  calledAt: Date | null;
  abandoned: boolean;
}

export interface TicketLife {
  status: TicketStatus;
  department: string | null;
  channel: string | null;
  serviceItem: string | null;
  issuedAt: Date | null;
  waitFrom: Date | null;
  firstCalledAt: Date | null;
  lastCalledAt: Date | null;
  callCount: number;
  window: string | null;
  staff: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  transferCount: number;
  waits: WaitSegment[];
  /** How many events the life was built from. */
  eventCount: number;
  /** The latest of them in hall order: a life continues only with events after it. */
  lastEvent: TicketEventKey | null;
}

// Events at the same instant still have a natural order in the hall.
const RANK: Record<string, number> = {
  'ticket.issued': 0,
  'ticket.transferred': 1,
  'ticket.called': 2,
  'ticket.started': 3,
  'ticket.no_show': 4,
  'ticket.completed': 4,
};

/** Hall order: time, then the natural order of the types, then the id (unique per site) so that it is total. */
export function compareTicketEvents(a: TicketEventKey, b: TicketEventKey): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() || (RANK[a.type] ?? 9) - (RANK[b.type] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function emptyTicketLife(): TicketLife {
  return {
    status: 'unknown',
    department: null,
    channel: null,
    serviceItem: null,
    issuedAt: null,
    waitFrom: null,
    firstCalledAt: null,
    lastCalledAt: null,
    callCount: 0,
    window: null,
    staff: null,
    startedAt: null,
    endedAt: null,
    outcome: null,
    transferCount: 0,
    waits: [],
    eventCount: 0,
    lastEvent: null,
  };
}

/**
 * True when every event comes after all those a stored life was built from, so the life
 * can simply go on. A life that does not know its last event cannot be continued.
 */
export function continuesLife(life: TicketLife, events: readonly TicketEventKey[]): boolean {
  const last = life.lastEvent;
  return last !== null && events.every((e) => compareTicketEvents(e, last) > 0);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Replays one ticket's events in hall order. The result depends only on the set of
 * events, never on the order they arrived in (docs/contracts/device-events.md, "Ticket life").
 */
export function ticketLife(events: TicketEventInput[]): TicketLife {
  return continueLife(emptyTicketLife(), events);
}

/**
 * The life after `events`, which must all come after the life's last event (see
 * continuesLife): then the result equals a replay of all the events. `life` is left as it was.
 */
export function continueLife(from: TicketLife, events: TicketEventInput[]): TicketLife {
  const sorted = [...events].sort(compareTicketEvents);
  const life: TicketLife = { ...from, waits: from.waits.map((w) => ({ ...w })) };
  const current = (): WaitSegment | undefined => life.waits[life.waits.length - 1];

  for (const e of sorted) {
    const d = e.data;
    switch (e.type) {
      case 'ticket.issued':
        // A duplicate issue (two ids for one ticket) keeps the first.
        if (life.issuedAt) break;
        life.issuedAt = e.occurredAt;
        life.department = str(d.department);
        life.channel = str(d.channel);
        life.serviceItem = str(d.serviceItem);
        life.waitFrom = e.occurredAt;
        life.waits.unshift({ seq: 0, department: life.department, waitFrom: e.occurredAt, calledAt: null, abandoned: false });
        if (life.status === 'unknown') life.status = 'waiting';
        break;
      case 'ticket.transferred': {
        const seg = current();
        if (seg && !seg.calledAt) seg.abandoned = true;
        life.transferCount++;
        life.department = str(d.toDepartment);
        life.waitFrom = e.occurredAt;
        life.waits.push({ seq: 0, department: life.department, waitFrom: e.occurredAt, calledAt: null, abandoned: false });
        life.status = 'waiting';
        life.window = null;
        life.staff = null;
        life.startedAt = null;
        life.endedAt = null;
        life.outcome = null;
        break;
      }
      case 'ticket.called': {
        const seg = current();
        // A recall does not restart the wait: only the first call of a wait ends it.
        if (seg && !seg.calledAt) seg.calledAt = e.occurredAt;
        life.firstCalledAt ??= e.occurredAt;
        life.lastCalledAt = e.occurredAt;
        life.callCount++;
        life.window = str(d.window);
        if (life.status !== 'done') life.status = 'called';
        break;
      }
      case 'ticket.started':
        life.window = str(d.window);
        life.staff = str(d.staff);
        life.startedAt = e.occurredAt;
        life.status = 'serving';
        break;
      case 'ticket.completed':
        life.window = str(d.window);
        life.staff = str(d.staff);
        life.endedAt = e.occurredAt;
        life.outcome = str(d.outcome);
        life.status = 'done';
        break;
      case 'ticket.no_show':
        life.window = str(d.window);
        life.endedAt = e.occurredAt;
        life.status = 'no_show';
        break;
    }
  }
  life.waits.forEach((w, i) => (w.seq = i));
  if (sorted.length) {
    const last = sorted[sorted.length - 1];
    life.eventCount += sorted.length;
    life.lastEvent = { id: last.id, type: last.type, occurredAt: last.occurredAt };
  }
  return life;
}
