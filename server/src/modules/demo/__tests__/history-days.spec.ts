import { DEFAULT_HALL_HOURS } from '@hallwatch/shared';
import { addDays, isoWeekday } from '../../../core/time/zoned-time';
import { DAY_SCHEDULE, parseHallClock } from '../hall-day-profile';
import { dayVolume, openDays, spanDays } from '../history-days';

describe('the demo history’s days', () => {
  it('spans the days before today, oldest first', () => {
    expect(spanDays('2026-03-02', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('opens on weekdays, not on a holiday, and on a make-up working day (调休)', () => {
    const calendar = new Map([
      ['2025-10-01', 'holiday' as const],
      ['2025-10-02', 'holiday' as const],
      ['2025-09-28', 'workday' as const],
    ]);
    expect(openDays('2025-10-04', 9, calendar)).toEqual([
      '2025-09-25',
      '2025-09-26',
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-03',
    ]);
  });

  it('plays the hall’s normal office day, which keeps the default opening hours', () => {
    expect(DAY_SCHEDULE.openSec).toBe(parseHallClock(DEFAULT_HALL_HOURS.opens));
    expect(DAY_SCHEDULE.closeSec).toBe(parseHallClock(DEFAULT_HALL_HOURS.closes));
  });

  it('varies the citizens by weekday and season, the same for a seed and day', () => {
    expect(dayVolume('2026-03-02', 1)).toBe(dayVolume('2026-03-02', 1));
    expect(dayVolume('2026-03-02', 1)).not.toBe(dayVolume('2026-03-02', 2));
    const days = Array.from({ length: 364 }, (_, i) => addDays('2025-01-06', i));
    const mean = (pick: (d: string) => boolean) => {
      const xs = days.filter(pick).map((d) => dayVolume(d, 1));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean((d) => isoWeekday(d) === 1)).toBeGreaterThan(1.15 * mean((d) => isoWeekday(d) === 5));
    expect(mean((d) => d.slice(5, 7) === '01')).toBeGreaterThan(1.2 * mean((d) => d.slice(5, 7) === '02'));
    expect(dayVolume('2026-03-02', 1, 0.1)).toBeLessThan(dayVolume('2026-03-02', 1) / 5);
  });
});
