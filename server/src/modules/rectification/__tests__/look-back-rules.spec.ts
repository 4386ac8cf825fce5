import { DEFAULT_LOOK_BACK } from '../look-back-settings';
import { judgeDay, latestClosedDay, LinkTrack, observeNow, reboundSince, restartDayTrack } from '../look-back-rules';
import { addDays, zonedInstant } from '../../../core/time/zoned-time';
import { lookBackSettings } from '../look-back-settings';

const TZ = 'Asia/Shanghai';
const fresh: LinkTrack = { offSince: null, failingDays: 0, judgedDay: null, judgedVerdict: null, lastValue: null, checkedAt: null };
const t = (iso: string) => new Date(iso);

describe('hall time', () => {
  it('finds the instant of a hall-local wall-clock time', () => {
    expect(zonedInstant('2024-10-15', '18:00', TZ).toISOString()).toBe('2024-10-15T10:00:00.000Z');
    expect(zonedInstant('2024-10-15', '00:00', TZ).toISOString()).toBe('2024-10-14T16:00:00.000Z');
    // Across a daylight-saving change (Europe/Berlin went to summer time on 2024-03-31).
    expect(zonedInstant('2024-03-31', '18:00', 'Europe/Berlin').toISOString()).toBe('2024-03-31T16:00:00.000Z');
    expect(zonedInstant('2024-03-30', '18:00', 'Europe/Berlin').toISOString()).toBe('2024-03-30T17:00:00.000Z');
  });

  it('steps days across month and year ends', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('judges today only once the hall has closed, else yesterday', () => {
    expect(latestClosedDay(t('2024-10-15T09:59:00Z'), TZ, '18:00')).toBe('2024-10-14');
    expect(latestClosedDay(t('2024-10-15T10:00:00Z'), TZ, '18:00')).toBe('2024-10-15');
    // 01:00 hall time on the 16th: the 15th has closed.
    expect(latestClosedDay(t('2024-10-15T17:00:00Z'), TZ, '18:00')).toBe('2024-10-15');
  });
});

describe('live links', () => {
  it('remembers when the value first went off target, and forgets on target', () => {
    const a = observeNow(fresh, 1, false, t('2024-10-15T02:00:00Z'));
    expect(a.offSince).toEqual(t('2024-10-15T02:00:00Z'));
    const b = observeNow(a, 2, false, t('2024-10-15T02:05:00Z'));
    expect(b.offSince).toEqual(t('2024-10-15T02:00:00Z'));
    expect(b.lastValue).toBe(2);
    expect(observeNow(b, 0, true, t('2024-10-15T02:10:00Z')).offSince).toBeNull();
  });

  it('treats an unknown value as no evidence either way', () => {
    const a = observeNow(fresh, 1, false, t('2024-10-15T02:00:00Z'));
    expect(observeNow(a, null, null, t('2024-10-15T02:05:00Z')).offSince).toEqual(a.offSince);
  });

  it('rebounds only after the grace has run, counted from the later of going off target and being rectified', () => {
    const settings = { ...DEFAULT_LOOK_BACK, liveMinutes: 30 };
    const off = { ...fresh, offSince: t('2024-10-15T02:00:00Z') };
    const rectified = t('2024-10-15T02:10:00Z');
    expect(reboundSince('now', off, rectified, settings, t('2024-10-15T02:39:59Z'))).toBeNull();
    expect(reboundSince('now', off, rectified, settings, t('2024-10-15T02:40:00Z'))).toEqual(rectified);
    expect(reboundSince('now', off, t('2024-10-14T00:00:00Z'), settings, t('2024-10-15T02:30:00Z'))).toEqual(off.offSince);
    expect(reboundSince('now', fresh, rectified, settings, t('2024-10-16T00:00:00Z'))).toBeNull();
  });
});

describe('daily links', () => {
  const start = (day: string) => zonedInstant(day, '00:00', TZ);
  const now = t('2024-10-15T10:30:00Z');

  it('counts missed days in a row and starts the run at the first missed day', () => {
    const a = judgeDay(fresh, '2024-10-14', 'fail', 2, start('2024-10-14'), now);
    const b = judgeDay(a, '2024-10-15', 'fail', 3, start('2024-10-15'), now);
    expect(b).toMatchObject({ failingDays: 2, judgedDay: '2024-10-15', lastValue: 3, offSince: start('2024-10-14') });
    expect(judgeDay(b, '2024-10-16', 'pass', 4, start('2024-10-16'), now)).toMatchObject({ failingDays: 0, offSince: null });
  });

  it('lets a day without data neither break nor extend the run', () => {
    const a = judgeDay(fresh, '2024-10-11', 'fail', 2, start('2024-10-11'), now);
    const sunday = judgeDay(a, '2024-10-13', 'no-data', null, start('2024-10-13'), now);
    expect(sunday).toMatchObject({ failingDays: 1, judgedDay: '2024-10-13', judgedVerdict: 'no-data', lastValue: 2 });
  });

  it('rebounds once the configured number of days were missed', () => {
    const one = judgeDay(fresh, '2024-10-14', 'fail', 2, start('2024-10-14'), now);
    const rectified = t('2024-10-01T00:00:00Z');
    expect(reboundSince('day', one, rectified, { ...DEFAULT_LOOK_BACK, days: 1 }, now)).toEqual(start('2024-10-14'));
    expect(reboundSince('day', one, rectified, { ...DEFAULT_LOOK_BACK, days: 2 }, now)).toBeNull();
  });

  it('starts afresh when the item is declared rectified', () => {
    const one = judgeDay(fresh, '2024-10-14', 'fail', 2, start('2024-10-14'), now);
    expect(restartDayTrack(one)).toMatchObject({ failingDays: 0, offSince: null, judgedDay: '2024-10-14' });
  });
});

describe('look-back settings', () => {
  it('reads sites.settings.lookBack with defaults for what is missing or malformed', () => {
    expect(lookBackSettings({})).toEqual(DEFAULT_LOOK_BACK);
    expect(lookBackSettings({ lookBack: { liveMinutes: 45, days: 0, dayClosesAt: '25:00' } })).toEqual({
      ...DEFAULT_LOOK_BACK,
      liveMinutes: 45,
    });
    expect(lookBackSettings({ lookBack: { dayClosesAt: '17:45' }, waitTargetSec: 600 }).dayClosesAt).toBe('17:45');
  });
});
