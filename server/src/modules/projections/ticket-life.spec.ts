import fc from 'fast-check';
import { compareTicketEvents, continueLife, continuesLife, emptyTicketLife, TicketEventInput, ticketLife } from './ticket-life';

const base = Date.UTC(2024, 6, 15, 1, 0, 0);

// Any mix of a few tickets' events, with shared instants so that ties in time are common.
const eventsArb = fc
  .array(
    fc.record({
      type: fc.constantFrom('ticket.issued', 'ticket.called', 'ticket.started', 'ticket.completed', 'ticket.no_show', 'ticket.transferred'),
      at: fc.integer({ min: 0, max: 12 }),
      dept: fc.constantFrom('d1', 'd2'),
      window: fc.constantFrom('w1', 'w2'),
    }),
    { maxLength: 14 },
  )
  .map((list) =>
    list.map((e, i): TicketEventInput => ({
      id: `e${i}`,
      type: e.type,
      occurredAt: new Date(base + e.at * 60_000),
      data: {
        ticket: 'A001',
        department: e.dept,
        toDepartment: e.dept,
        window: e.window,
        staff: 's1',
        outcome: 'done',
        channel: 'walk_in',
      },
    })),
  );

describe('ticket life', () => {
  it('carrying a life on with later events equals replaying all of them', () => {
    fc.assert(
      fc.property(eventsArb, fc.nat(), (events, cut) => {
        const sorted = [...events].sort(compareTicketEvents);
        const at = sorted.length ? cut % (sorted.length + 1) : 0;
        const before = ticketLife(sorted.slice(0, at));
        const later = sorted.slice(at).reverse();
        if (at > 0 && later.length) expect(continuesLife(before, later)).toBe(true);
        expect(continueLife(before, later)).toEqual(ticketLife(events));
      }),
    );
  });

  it('does not carry a life on with an event that sorts before its last one', () => {
    fc.assert(
      fc.property(eventsArb, fc.nat(), (events, pick) => {
        fc.pre(events.length >= 2);
        const sorted = [...events].sort(compareTicketEvents);
        const late = sorted[pick % (sorted.length - 1)];
        const life = ticketLife(sorted.filter((e) => e !== late));
        expect(continuesLife(life, [late])).toBe(false);
      }),
    );
  });

  it('leaves the life it continues untouched', () => {
    const issued = ticketLife([{ id: 'a', type: 'ticket.issued', occurredAt: new Date(base), data: { department: 'd1' } }]);
    const copy = structuredClone(issued);
    continueLife(issued, [{ id: 'b', type: 'ticket.called', occurredAt: new Date(base + 1000), data: { window: 'w1' } }]);
    expect(issued).toEqual(copy);
  });

  it('cannot continue an empty or unmarked life', () => {
    expect(continuesLife(emptyTicketLife(), [])).toBe(false);
    const called = ticketLife([{ id: 'b', type: 'ticket.called', occurredAt: new Date(base), data: { window: 'w1' } }]);
    expect(called.eventCount).toBe(1);
    expect(called.lastEvent?.id).toBe('b');
  });
});
