import { deadlineOptions, hallTime } from './deadline';

describe('notice deadlines on the hall clock', () => {
  const shanghai = 480;

  it('offers today until 17:30, then whole days, each at 17:30 hall time with its offset', () => {
    const morning = Date.parse('2024-07-15T09:10:00+08:00');
    expect(deadlineOptions(morning, shanghai).map((o) => `${o.days} ${o.iso} ${o.date}`)).toEqual([
      '0 2024-07-15T17:30:00+08:00 7/15',
      '1 2024-07-16T17:30:00+08:00 7/16',
      '3 2024-07-18T17:30:00+08:00 7/18',
      '5 2024-07-20T17:30:00+08:00 7/20',
      '7 2024-07-22T17:30:00+08:00 7/22',
    ]);
    const evening = Date.parse('2024-07-15T18:00:00+08:00');
    expect(deadlineOptions(evening, shanghai)[0].days).toBe(1);
  });

  it('takes the hall day, not the phone’s UTC day, near midnight', () => {
    const justAfterMidnight = Date.parse('2024-07-16T00:20:00+08:00');
    expect(deadlineOptions(justAfterMidnight, shanghai)[0].iso).toBe('2024-07-16T17:30:00+08:00');
    expect(hallTime('2024-07-15T01:30:00Z', shanghai)).toBe('09:30');
  });
});
