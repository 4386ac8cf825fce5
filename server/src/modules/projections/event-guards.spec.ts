import { AnyHallEvent, isEventIn, isEventOfType } from '@hallwatch/shared';

// The shared guards the projections narrow events with. Kept here: shared's sources are also
// compiled into the dashboard, which has no jest types.

const called: AnyHallEvent = {
  id: 'e1',
  type: 'ticket.called',
  occurredAt: '2024-07-15T09:00:00+08:00',
  data: { ticket: 'A001', window: 'w1' },
};
const review: AnyHallEvent = {
  id: 'e2',
  type: 'review.submitted',
  occurredAt: '2024-07-15T09:00:00+08:00',
  data: { rating: 5, channel: 'pad', department: 'd1' },
};

describe('event guards', () => {
  it('tells an event of the type asked from one of another', () => {
    expect(isEventOfType(called, 'ticket.called')).toBe(true);
    expect(isEventOfType(called, 'ticket.started')).toBe(false);
    expect(isEventOfType(review, 'review.submitted') && review.data.rating).toBe(5);
  });

  it('tells a family by the part before the dot, not by a prefix of it', () => {
    expect(isEventIn(called, 'ticket')).toBe(true);
    expect(isEventIn(review, 'ticket')).toBe(false);
    expect(isEventIn(review, 'review')).toBe(true);
    expect(isEventIn(called, 'ticket') && called.data.ticket).toBe('A001');
  });
});
