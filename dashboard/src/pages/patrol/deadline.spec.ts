import { deadlineOptions, hallTime } from './deadline';

describe('notice deadlines on the hall clock', () => {
  const shanghai = 480;
  const shown = (nowMs: number, workingDays?: string[]) => deadlineOptions(nowMs, shanghai, workingDays).map((o) => `${o.days} ${o.iso}`);

  it('offers today until 17:30, then working days, each at 17:30 hall time with its offset', () => {
    const morning = Date.parse('2024-07-15T09:10:00+08:00');
    expect(deadlineOptions(morning, shanghai).map((o) => `${o.days} ${o.iso} ${o.date}`)).toEqual([
      '0 2024-07-15T17:30:00+08:00 7/15',
      '1 2024-07-16T17:30:00+08:00 7/16',
      '3 2024-07-18T17:30:00+08:00 7/18',
      '5 2024-07-22T17:30:00+08:00 7/22',
      '7 2024-07-24T17:30:00+08:00 7/24',
    ]);
    const evening = Date.parse('2024-07-15T18:00:00+08:00');
    expect(deadlineOptions(evening, shanghai)[0].days).toBe(1);
  });

  it('on a Friday, gives a one-day notice until Monday, not a Saturday nobody works', () => {
    const friday = Date.parse('2026-11-27T10:30:00+08:00');
    expect(shown(friday)).toEqual([
      '0 2026-11-27T17:30:00+08:00',
      '1 2026-11-30T17:30:00+08:00',
      '3 2026-12-02T17:30:00+08:00',
      '5 2026-12-04T17:30:00+08:00',
      '7 2026-12-08T17:30:00+08:00',
    ]);
  });

  it("follows the hall's calendar when the server sends it: a holiday skipped, a 调休 Saturday counted", () => {
    const friday = Date.parse('2024-09-27T10:30:00+08:00');
    const calendar = ['2024-09-29', '2024-09-30', '2024-10-08', '2024-10-09', '2024-10-10', '2024-10-11', '2024-10-12'];
    expect(shown(friday, calendar)).toEqual([
      '0 2024-09-27T17:30:00+08:00',
      '1 2024-09-29T17:30:00+08:00',
      '3 2024-10-08T17:30:00+08:00',
      '5 2024-10-10T17:30:00+08:00',
      '7 2024-10-12T17:30:00+08:00',
    ]);
    // A copy of the calendar loaded yesterday: the day already reached is not counted.
    expect(shown(Date.parse('2024-09-29T09:00:00+08:00'), calendar)[1]).toBe('1 2024-09-30T17:30:00+08:00');
  });

  it('takes the hall day, not the phone’s UTC day, near midnight', () => {
    const justAfterMidnight = Date.parse('2024-07-16T00:20:00+08:00');
    expect(deadlineOptions(justAfterMidnight, shanghai)[0].iso).toBe('2024-07-16T17:30:00+08:00');
    expect(hallTime('2024-07-15T01:30:00Z', shanghai)).toBe('09:30');
  });
});
