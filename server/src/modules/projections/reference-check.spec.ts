import { AnyHallEvent } from '@hallwatch/shared';
import { eventRefs } from './reference-check';

const at = '2024-07-15T09:00:00+08:00';

describe('eventRefs', () => {
  it('names departments, then windows, then staff, of the fields the event has', () => {
    const review: AnyHallEvent = {
      id: 'e1',
      type: 'review.submitted',
      occurredAt: at,
      data: { rating: 4, channel: 'pad', department: 'd1', staff: 's1', window: 'w1' },
    };
    expect(eventRefs(review)).toEqual([
      ['department', 'd1'],
      ['window', 'w1'],
      ['staff', 's1'],
    ]);
  });

  it('reads a transfer by its target department and the window it left', () => {
    const moved: AnyHallEvent = {
      id: 'e2',
      type: 'ticket.transferred',
      occurredAt: at,
      data: { ticket: 'A1', fromWindow: 'w2', toDepartment: 'd2' },
    };
    expect(eventRefs(moved)).toEqual([
      ['department', 'd2'],
      ['window', 'w2'],
    ]);
  });

  it('leaves out optional codes not given, and the patroller of a round', () => {
    const complaint: AnyHallEvent = { id: 'e3', type: 'complaint.received', occurredAt: at, data: { source: 'onsite', summary: 'slow' } };
    const round: AnyHallEvent = { id: 'e4', type: 'round.started', occurredAt: at, data: { round: 'r1', patroller: 'p1' } };
    expect(eventRefs(complaint)).toEqual([]);
    expect(eventRefs(round)).toEqual([]);
  });

  it("names no registry code for a platform's work order, with its order or a change to it", () => {
    const data = {
      source: 'hotline_12345',
      summary: 'slow',
      department: 'd1',
      workOrder: 'GD1',
      closeBy: '2024-07-22T17:30:00+08:00',
    } as const;
    const complaint: AnyHallEvent = { id: 'e5', type: 'complaint.received', occurredAt: at, data };
    const update: AnyHallEvent = {
      id: 'e6',
      type: 'complaint.platform_updated',
      occurredAt: at,
      data: { workOrder: 'GD1', change: 'closed' },
    };
    expect(eventRefs(complaint)).toEqual([['department', 'd1']]);
    expect(eventRefs(update)).toEqual([]);
  });
});
