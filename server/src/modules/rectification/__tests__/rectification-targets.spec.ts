import { DEFAULT_RECTIFICATION_TARGETS, defaultTargetsFor, formatIndicatorValue, formatTarget, meetsTarget } from '@hallwatch/shared';

describe('targets', () => {
  it('compares with a tolerance for ratios computed by division', () => {
    expect(meetsTarget(2 / 3 + 1 / 3, '=', 1)).toBe(true);
    expect(meetsTarget(0.9952, '>=', 0.995)).toBe(true);
    expect(meetsTarget(0.9949, '>=', 0.995)).toBe(false);
    expect(meetsTarget(1, '<=', 0)).toBe(false);
    expect(meetsTarget(0, '=', 0)).toBe(true);
  });

  it('formats values and targets as the report writes them', () => {
    expect(formatIndicatorValue('reviews.active_rate', 0.9952)).toBe('99.52%');
    expect(formatTarget('reviews.active_rate', '>=', 0.995)).toBe('≥ 99.5%');
    expect(formatIndicatorValue('queue.wait.avg', 492)).toBe('8分12秒');
    expect(formatIndicatorValue('queue.wait.avg', 492, 'en')).toBe('8 min 12 s');
    expect(formatTarget('patrol.rounds.done', '>=', 4)).toBe('≥ 4');
    expect(formatIndicatorValue('queue.waiting', null)).toBe('—');
  });
});

describe('default targets of the seed report', () => {
  it('cover at least the measurable items the issue names', () => {
    const items = DEFAULT_RECTIFICATION_TARGETS.map((d) => d.item);
    expect(items).toEqual(expect.arrayContaining([2, 8, 9, 17, 19, 22, 24, 25, 26, 46, 47, 48, 50, 51]));
    expect(defaultTargetsFor(47, '一是已加大巡查力度,按一天四次督查频次')).toEqual([
      expect.objectContaining({ indicator: 'patrol.rounds.done', comparator: '>=', target: 4, window: 'day' }),
      expect.objectContaining({ indicator: 'patrol.findings.open' }),
    ]);
  });

  it('apply only when the item is the seed report’s problem of that number', () => {
    expect(defaultTargetsFor(47, '采购不规范。')).toEqual([]);
    expect(defaultTargetsFor(3, '巡查')).toEqual([]);
  });
});
