import { addDays, HHMM, isCalendarDay, isoWeekday, localMonth, utcOffsetMinutes, zonedInstant } from '../zoned-time';

describe('hall time', () => {
  it('converts hall wall-clock times, also across a daylight-saving change', () => {
    expect(zonedInstant('2024-07-15', '09:00', 'Asia/Shanghai').toISOString()).toBe('2024-07-15T01:00:00.000Z');
    expect(utcOffsetMinutes(new Date('2024-07-15T01:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(zonedInstant('2024-03-31', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-03-31T07:00:00.000Z');
    expect(zonedInstant('2024-03-30', '09:00', 'Europe/Berlin').toISOString()).toBe('2024-03-30T08:00:00.000Z');
  });

  it('counts days, weekdays and months in hall time', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(isoWeekday('2024-07-14')).toBe(7);
    expect(isoWeekday('2024-07-15')).toBe(1);
    expect(localMonth(new Date('2024-07-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2024-08');
  });

  it('accepts only real dates and wall-clock times', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2024-02-30')).toBe(false);
    // Answered, not thrown: these reach the check straight from a URL.
    expect(isCalendarDay('2024-13-01')).toBe(false);
    expect(isCalendarDay('2024-01-32')).toBe(false);
    expect(isCalendarDay(undefined)).toBe(false);
    expect(HHMM.test('09:00')).toBe(true);
    expect(HHMM.test('24:00')).toBe(false);
  });
});
