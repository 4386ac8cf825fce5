import { checkBatch } from './ingest-batch';

const now = new Date('2024-07-15T02:00:00Z');
const issued = (id: string) => ({
  id,
  type: 'ticket.issued',
  occurredAt: '2024-07-15T09:30:00+08:00',
  data: { ticket: 'A001', department: 'd1', channel: 'walk_in' },
});

describe('checkBatch', () => {
  it('passes valid events on in order and answers in-batch repeats and bad events at once', () => {
    const { results, valid } = checkBatch([issued('a'), { ...issued('b'), type: 'nope' }, issued('a'), issued('c')], now, 'device');
    expect(valid.map((v) => [v.index, v.event.id])).toEqual([
      [0, 'a'],
      [3, 'c'],
    ]);
    expect(results[0]).toBeNull();
    expect(results[1]).toMatchObject({ id: 'b', status: 'rejected', field: 'type' });
    expect(results[2]).toEqual({ id: 'a', status: 'duplicate' });
    expect(valid[0].occurredAt.toISOString()).toBe('2024-07-15T01:30:00.000Z');
  });

  it('refuses round events from a device one by one, and lets the patrol page post them', () => {
    const started = { id: 'r', type: 'round.started', occurredAt: '2024-07-15T09:30:00+08:00', data: { round: 'x', patroller: 'p' } };
    const fromDevice = checkBatch([started, issued('a')], now, 'device');
    expect(fromDevice.results[0]).toMatchObject({ id: 'r', status: 'rejected', field: 'type' });
    expect(fromDevice.valid.map((v) => v.event.id)).toEqual(['a']);
    expect(checkBatch([started], now, 'patrol').valid.map((v) => v.event.id)).toEqual(['r']);
  });
});
