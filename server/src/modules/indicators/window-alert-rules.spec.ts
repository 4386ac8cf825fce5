import { DEFAULT_HALL_HOURS } from '@hallwatch/shared';
import {
  busiestAndIdlest,
  departmentLoads,
  imbalanceBreached,
  imbalanceSince,
  imbalancedWindows,
  openingOn,
  unattendedSince,
} from './window-alert-rules';

const TZ = 'Asia/Shanghai';
// 2026-03-02 is a Monday, 2026-03-07 a Saturday.
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const LUNCH = { from: '12:00', to: '13:30' };

describe('openingOn', () => {
  it('opens on the weekdays of the hours, at their times, with the midday break', () => {
    expect(openingOn('2026-03-02', TZ, DEFAULT_HALL_HOURS, LUNCH, null)).toEqual({
      opensAt: at('2026-03-02', '08:30'),
      closesAt: at('2026-03-02', '17:30'),
      lunch: { from: at('2026-03-02', '12:00'), to: at('2026-03-02', '13:30') },
    });
    expect(openingOn('2026-03-07', TZ, DEFAULT_HALL_HOURS, null, null)).toBeNull();
  });
  it('lets the working calendar overrule the week: a holiday closes, a 调休 Saturday opens', () => {
    expect(openingOn('2026-03-02', TZ, DEFAULT_HALL_HOURS, null, 'holiday')).toBeNull();
    expect(openingOn('2026-03-07', TZ, DEFAULT_HALL_HOURS, null, 'workday')?.opensAt).toEqual(at('2026-03-07', '08:30'));
  });
  it('counts Sunday as 0 in the hours', () => {
    const sundays = { ...DEFAULT_HALL_HOURS, weekdays: [0] };
    expect(openingOn('2026-03-08', TZ, sundays, null, null)).not.toBeNull();
    expect(openingOn('2026-03-02', TZ, sundays, null, null)).toBeNull();
  });
});

describe('unattendedSince', () => {
  const day = '2026-03-02';
  const opening = openingOn(day, TZ, DEFAULT_HALL_HOURS, LUNCH, null);
  it('counts from the opening, or from the last sign-out when that was later', () => {
    expect(unattendedSince(opening, null, at(day, '10:04'))).toEqual(at(day, '08:30'));
    expect(unattendedSince(opening, at(day, '07:55'), at(day, '10:04'))).toEqual(at(day, '08:30'));
    expect(unattendedSince(opening, at(day, '09:40'), at(day, '10:04'))).toEqual(at(day, '09:40'));
  });
  it('is quiet before opening, from closing, on a closed day and during the midday break', () => {
    expect(unattendedSince(opening, null, at(day, '08:29'))).toBeNull();
    expect(unattendedSince(opening, null, at(day, '17:30'))).toBeNull();
    expect(unattendedSince(opening, null, at(day, '12:00'))).toBeNull();
    expect(unattendedSince(opening, null, at(day, '13:29'))).toBeNull();
    expect(unattendedSince(null, null, at(day, '10:00'))).toBeNull();
  });
  it('starts again at the end of the break for a window still empty after it', () => {
    expect(unattendedSince(opening, at(day, '11:00'), at(day, '13:45'))).toEqual(at(day, '13:30'));
    expect(unattendedSince(opening, at(day, '13:40'), at(day, '13:45'))).toEqual(at(day, '13:40'));
  });
});

describe('window imbalance', () => {
  it('needs enough completions per window before a spread counts', () => {
    expect(imbalanceBreached([3, 0], 1)).toBe(false); // 2.0, but 3 < 5 × 2
    expect(imbalanceBreached([10, 0], 1)).toBe(true);
    expect(imbalanceBreached([6, 4], 1)).toBe(false); // 0.4
    expect(imbalanceBreached([10], 1)).toBe(false); // one window: nothing to compare
  });

  it('dates it from the completion after which it has stood above the threshold', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 2, 2, 1, m));
    const completions = new Map([
      ['a', [t(1), t(2), t(3), t(4), t(5), t(6), t(7), t(8)]],
      ['b', [t(2), t(9)]],
    ]);
    // Up to t(8) fewer than 10 completions (5 for each of 2 windows); at t(9) 8 vs 2 is (8 − 2) ÷ 5 = 1.2.
    expect(imbalanceSince(['a', 'b'], completions, 1)).toEqual(t(9));
    // A dip below the threshold restarts it.
    completions.set('b', [t(2), t(9), t(10), t(11), t(12)]);
    completions.set('a', [...completions.get('a')!, t(13), t(14), t(15), t(16), t(17), t(18)]);
    // t(10) 8 vs 3 ≈ 0.91 ends it; t(12) 8 vs 5 ≈ 0.46; then 9 vs 5 ≈ 0.57 at t(13) … 14 vs 5 ≈ 0.95 at t(18).
    expect(imbalanceSince(['a', 'b'], completions, 1)).toBeNull();
    expect(imbalanceSince(['a', 'b'], completions, 0.5)).toEqual(t(13));
  });

  it('lands completions of one instant together', () => {
    const t0 = new Date('2026-03-02T02:00:00Z');
    const completions = new Map([['a', Array.from({ length: 10 }, () => t0)]]);
    expect(imbalanceSince(['a', 'b'], completions, 1)).toEqual(t0);
  });

  it('groups the open windows by department and picks the busiest and the idlest', () => {
    const loads = departmentLoads(
      [
        { window: '02', department: 'gjj' },
        { window: '01', department: 'gjj' },
        { window: '03', department: 'gjj' },
        { window: '03', department: 'gjj' },
        { window: '09', department: null },
        { window: '11', department: 'yb' },
      ],
      new Map([
        ['01', { done: 14 }],
        ['02', { done: 2 }],
      ]),
    );
    expect(loads.get('gjj')).toEqual([
      { window: '01', done: 14 },
      { window: '02', done: 2 },
      { window: '03', done: 0 },
    ]);
    expect(busiestAndIdlest(loads.get('gjj')!)).toEqual({ busiest: { window: '01', done: 14 }, idlest: { window: '03', done: 0 } });
    expect(imbalancedWindows(loads, 1)).toEqual(['01', '02', '03']); // 16 done, (14 − 0) ÷ 16/3 ≈ 2.6
    expect(imbalancedWindows(loads, 3)).toEqual([]);
  });
});
