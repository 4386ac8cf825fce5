import { RateCounts, zeroCounts } from '@hallwatch/shared';
import { rankUnits } from '../ranking';

const unit = (key: string, c: Partial<RateCounts>) => ({ key, name: key, nameEn: key, counts: { ...zeroCounts(), ...c } });

describe('monthly ranking (item 46)', () => {
  it('separates eight departments whose good rates round to the same figure', () => {
    // All eight round to 98%, six of them to 98.0%: a ranking on rounded rates would tie them.
    const units = [
      unit('a', { reviews: 1000, good: 980, bad: 5, completed: 1000 }),
      unit('b', { reviews: 2000, good: 1960, bad: 12, completed: 2010 }),
      unit('c', { reviews: 500, good: 490, bad: 3, completed: 505 }),
      unit('d', { reviews: 1001, good: 981, bad: 5, completed: 1001 }),
      unit('e', { reviews: 999, good: 979, bad: 4, completed: 1000 }),
      unit('f', { reviews: 3000, good: 2940, bad: 20, completed: 3000 }),
      unit('g', { reviews: 800, good: 784, bad: 2, completed: 900 }),
      unit('h', { reviews: 1000, good: 981, bad: 6, completed: 1000 }),
    ];
    const rows = rankUnits(units);
    expect(rows.map((r) => r.place)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0].key).toBe('h'); // 98.1%
    // a, b, c, f, g are exactly 98%: fewer bad reviews first.
    expect(rows.filter((r) => ['a', 'b', 'c', 'f', 'g'].includes(r.key)).map((r) => r.key)).toEqual(['g', 'c', 'a', 'b', 'f']);
    for (const r of rows) expect(r.reason.zh).toMatch(/第\d+名/);
    expect(rows.find((r) => r.key === 'c')!.decidedBy).toBe('bad');
  });

  it('falls through to active rate and volume, and ties only identical data', () => {
    const rows = rankUnits([
      unit('x', { reviews: 100, good: 90, bad: 2, completed: 110 }),
      unit('y', { reviews: 100, good: 90, bad: 2, completed: 100 }),
      unit('z', { reviews: 100, good: 90, bad: 2, completed: 100 }),
      unit('w', { reviews: 50, good: 45, bad: 2, completed: 50 }),
    ]);
    expect(rows.map((r) => [r.key, r.place, r.decidedBy])).toEqual([
      ['y', 1, null],
      ['z', 1, null],
      ['w', 3, 'reviews'],
      ['x', 4, 'activeRate'],
    ]);
    expect(rows[1].reason.zh).toContain('并列');
    expect(rows[3].reason.zh).toContain('好评率、差评数相同');
  });

  it('puts a unit without reviews last and says why', () => {
    const rows = rankUnits([unit('quiet', {}), unit('busy', { reviews: 10, good: 5, completed: 10 })]);
    expect(rows.map((r) => r.key)).toEqual(['busy', 'quiet']);
    expect(rows[1].reason.zh).toBe('本月无评价，亦无办件');
  });
});
