import type { CalendarDayKind } from '@hallwatch/shared';
import { isWorkingDay, nthWorkingDayAfter, reminderAt, workingDeadline } from '../working-calendar';

// 2024 国庆: 1–7 October off; Sunday 29 September and Saturday 12 October worked (调休).
const NATIONAL_DAY_2024 = new Map<string, CalendarDayKind>([
  ['2024-09-29', 'workday'],
  ...['01', '02', '03', '04', '05', '06', '07'].map((d): [string, CalendarDayKind] => [`2024-10-${d}`, 'holiday']),
  ['2024-10-12', 'workday'],
]);
const SH = 'Asia/Shanghai';

describe('working calendar', () => {
  it('counts Monday–Friday, less holidays, plus make-up days', () => {
    expect(isWorkingDay('2024-09-27', new Map())).toBe(true); // Friday
    expect(isWorkingDay('2024-09-28', new Map())).toBe(false); // Saturday
    expect(isWorkingDay('2024-09-29', NATIONAL_DAY_2024)).toBe(true); // Sunday worked
    expect(isWorkingDay('2024-10-01', NATIONAL_DAY_2024)).toBe(false); // Tuesday off
  });

  it('follows a site’s own weekly pattern, still overruled by the calendar', () => {
    const sixDays = [1, 2, 3, 4, 5, 6];
    expect(isWorkingDay('2024-07-15', new Map(), sixDays)).toBe(true); // Monday
    expect(isWorkingDay('2024-07-13', new Map(), sixDays)).toBe(true); // Saturday walked
    expect(isWorkingDay('2024-07-14', new Map(), sixDays)).toBe(false); // Sunday
    expect(isWorkingDay('2024-10-05', NATIONAL_DAY_2024, sixDays)).toBe(false); // a holiday Saturday
    expect(isWorkingDay('2024-10-13', NATIONAL_DAY_2024, [])).toBe(false); // no weekdays, no entry
    expect(isWorkingDay('2024-10-12', NATIONAL_DAY_2024, [])).toBe(true); // the calendar's workday still counts
    expect(nthWorkingDayAfter('2024-07-12', 1, new Map(), sixDays)).toBe('2024-07-13');
  });

  it('finds the n-th working day across a holiday', () => {
    expect(nthWorkingDayAfter('2024-09-27', 1, NATIONAL_DAY_2024)).toBe('2024-09-29');
    expect(nthWorkingDayAfter('2024-09-27', 2, NATIONAL_DAY_2024)).toBe('2024-09-30');
    expect(nthWorkingDayAfter('2024-09-27', 3, NATIONAL_DAY_2024)).toBe('2024-10-08');
    expect(nthWorkingDayAfter('2024-09-27', 7, NATIONAL_DAY_2024)).toBe('2024-10-12');
  });

  it('puts a deadline at the end of the working day in the hall zone', () => {
    const friday4pm = new Date('2024-09-27T16:00:00+08:00');
    expect(workingDeadline(friday4pm, 1, SH, NATIONAL_DAY_2024).toISOString()).toBe('2024-09-29T16:00:00.000Z');
    expect(workingDeadline(friday4pm, 5, SH, NATIONAL_DAY_2024).toISOString()).toBe('2024-10-10T16:00:00.000Z');
    expect(workingDeadline(friday4pm, 1, SH, new Map()).toISOString()).toBe('2024-09-30T16:00:00.000Z');
    expect(reminderAt(workingDeadline(friday4pm, 1, SH, NATIONAL_DAY_2024), SH).toISOString()).toBe('2024-09-29T01:00:00.000Z');
  });

  it('judges the day in the hall zone, not in UTC', () => {
    // 17:00 UTC on Friday is already Saturday 01:00 in Shanghai: the count starts from Saturday.
    const lateFriday = new Date('2024-09-27T17:00:00Z');
    expect(workingDeadline(lateFriday, 1, SH, new Map()).toISOString()).toBe('2024-09-30T16:00:00.000Z');
    // The same instant is Friday 10:00 in Los Angeles: due at the end of Monday there.
    expect(workingDeadline(lateFriday, 1, 'America/Los_Angeles', new Map()).toISOString()).toBe('2024-10-01T07:00:00.000Z');
  });

  it('refuses a calendar with no working day in reach rather than looping', () => {
    const allOff = new Map<string, CalendarDayKind>(
      Array.from({ length: 500 }, (_, i): [string, CalendarDayKind] => [
        new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
        'holiday',
      ]),
    );
    expect(() => nthWorkingDayAfter('2024-01-01', 1, allOff)).toThrow(/check the calendar/);
  });
});
