import { hallClock, hallHourMinute, minutesSince, minutesText, partsText, percentParts, percentText, waitParts, waitText } from './format';

describe('wall figures', () => {
  it('writes waits in 分/秒 with two-digit seconds, and nothing as a dash', () => {
    expect(waitText(492, 'zh')).toBe('8分12秒');
    expect(waitText(1865, 'zh')).toBe('31分05秒');
    expect(waitText(45, 'zh')).toBe('45秒');
    expect(waitText(0, 'zh')).toBe('0秒');
    expect(waitText(4260, 'zh')).toBe('71分00秒');
    expect(waitText(null, 'zh')).toBe('—');
    expect(waitText(492, 'en')).toBe('8m 12s');
    expect(
      waitParts(492, 'zh')
        .filter((p) => p.unit)
        .map((p) => p.text),
    ).toEqual(['分', '秒']);
  });

  it('cuts percentages to one decimal, so a figure under a target never reads as the target', () => {
    expect(percentText(0.9952)).toBe('99.5%');
    expect(percentText(0.99499)).toBe('99.4%');
    expect(percentText(0.995)).toBe('99.5%');
    expect(percentText(1)).toBe('100.0%');
    expect(percentText(1.0234)).toBe('102.3%');
    expect(percentText(null)).toBe('—');
    expect(partsText(percentParts(0.989))).toBe('98.9%');
  });

  it('counts whole minutes in a state, capped for the cell', () => {
    const now = Date.parse('2026-03-02T03:00:00Z');
    expect(minutesSince('2026-03-02T02:52:30Z', now)).toBe(7);
    expect(minutesSince(null, now)).toBeNull();
    expect(minutesText(7, 'zh')).toBe('7分');
    expect(minutesText(1500, 'zh')).toBe('999分');
    expect(minutesText(null, 'zh')).toBe('');
  });

  it('tells the time in the hall, 24-hour, with the weekday', () => {
    const at = Date.parse('2024-07-15T02:42:07Z'); // 10:42:07 in Zhengzhou
    expect(hallClock(at, 'Asia/Shanghai', 'zh')).toEqual({
      date: '2024-07-15',
      weekday: '星期一',
      weekdayIndex: 1,
      time: '10:42:07',
      minuteOfDay: 642,
    });
    expect(hallClock(Date.parse('2024-07-15T16:05:00Z'), 'Asia/Shanghai', 'en').time).toBe('00:05:00');
    expect(hallHourMinute('2024-07-15T10:00:00Z', 'Asia/Shanghai')).toBe('18:00');
  });
});
