import { alertDedupeKey, quietUntil, ruleTakes } from './rule-matching';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('ruleTakes', () => {
  it('takes every kind with an empty list, and only breaches from a breach rule', () => {
    expect(ruleTakes({ kinds: [], minSeverity: 'warning' }, 'wait.target', 'warning')).toBe(true);
    expect(ruleTakes({ kinds: [], minSeverity: 'breach' }, 'wait.target', 'warning')).toBe(false);
    expect(ruleTakes({ kinds: [], minSeverity: 'breach' }, 'wait.target', 'breach')).toBe(true);
  });
  it('takes only the kinds listed', () => {
    expect(ruleTakes({ kinds: ['staff.away'], minSeverity: 'warning' }, 'staff.away', 'breach')).toBe(true);
    expect(ruleTakes({ kinds: ['staff.away'], minSeverity: 'warning' }, 'wait.target', 'breach')).toBe(false);
  });
});

describe('quietUntil', () => {
  const night = { from: '22:00', to: '07:30' };
  it('holds from the evening to the next morning, in the hall zone', () => {
    expect(quietUntil(night, at('2026-12-07T14:00:00Z'), SH)).toEqual(at('2026-12-07T23:30:00Z')); // 22:00 → 07:30 next day
    expect(quietUntil(night, at('2026-12-07T18:00:00Z'), SH)).toEqual(at('2026-12-07T23:30:00Z')); // 02:00
    expect(quietUntil(night, at('2026-12-07T23:29:59Z'), SH)).toEqual(at('2026-12-07T23:30:00Z')); // 07:29:59
  });
  it('lets the day through', () => {
    expect(quietUntil(night, at('2026-12-07T23:30:00Z'), SH)).toBeNull(); // 07:30
    expect(quietUntil(night, at('2026-12-07T13:59:59Z'), SH)).toBeNull(); // 21:59:59
    expect(quietUntil(null, at('2026-12-07T14:00:00Z'), SH)).toBeNull();
  });
  it('handles a window within one day', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(quietUntil(lunch, at('2026-12-07T04:10:00Z'), SH)).toEqual(at('2026-12-07T05:30:00Z'));
    expect(quietUntil(lunch, at('2026-12-07T05:30:00Z'), SH)).toBeNull();
  });
});

it('keys a standing alert by rule, site, id and when it was raised, within 200 characters', () => {
  const key = alertDedupeKey('r', 's', 'a'.repeat(300), '2026-12-07T01:00:00Z', 'cleared');
  expect(key).toMatch(/^alert:r:[0-9a-f]{40}:cleared$/);
  expect(alertDedupeKey('r', 's', 'a'.repeat(300), '2026-12-07T01:00:00.000Z', 'cleared')).toBe(key);
  expect(alertDedupeKey('r', 's', 'a'.repeat(300), '2026-12-07T01:00:01Z', 'cleared')).not.toBe(key);
});
