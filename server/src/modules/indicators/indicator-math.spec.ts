import { imbalance, maxOrNull, predictedWait, ratio, roundedMean, surgeThreshold, wholeSeconds } from './indicator-math';

describe('imbalance', () => {
  it('is null with fewer than two open windows', () => {
    expect(imbalance([])).toBeNull();
    expect(imbalance([7])).toBeNull();
  });
  it('is 0 when the windows carry the same load, including none at all', () => {
    expect(imbalance([4, 4, 4])).toBe(0);
    expect(imbalance([0, 0])).toBe(0);
  });
  it('is (max − min) / mean', () => {
    expect(imbalance([2, 6])).toBe(1); // spread 4, mean 4
    expect(imbalance([0, 3, 6])).toBe(2); // spread 6, mean 3
    expect(imbalance([0, 5])).toBe(2); // one window did everything
    expect(imbalance([1, 2, 3, 4])).toBeCloseTo(3 / 2.5, 12);
  });
});

describe('predictedWait', () => {
  const p = { waiting: 4, openWindows: 2, serviceSecTotal: 1200, serviceCount: 3 }; // mean service 400 s
  it('drains the queue at open windows per mean service time', () => {
    expect(predictedWait(p)).toBe(800); // 4 × 400 / 2
    expect(predictedWait({ ...p, openWindows: 3 })).toBe(533); // 533.33 rounds down
    expect(predictedWait({ ...p, waiting: 1, serviceSecTotal: 3, serviceCount: 2, openWindows: 1 })).toBe(2); // 1.5 rounds up
  });
  it('is 0 with nobody waiting and a window open, even before any service today', () => {
    expect(predictedWait({ ...p, waiting: 0, serviceCount: 0, serviceSecTotal: 0 })).toBe(0);
  });
  it('is null when no window is open or there is no service time to go by', () => {
    expect(predictedWait({ ...p, openWindows: 0 })).toBeNull();
    expect(predictedWait({ ...p, waiting: 0, openWindows: 0 })).toBeNull();
    expect(predictedWait({ ...p, serviceCount: 0, serviceSecTotal: 0 })).toBeNull();
  });
});

describe('surgeThreshold', () => {
  it('needs strictly more than factor × usual, and never fewer than the minimum', () => {
    expect(surgeThreshold(5, 2, 8)).toBe(11); // > 10
    expect(surgeThreshold(4.5, 2, 8)).toBe(10); // > 9
    expect(surgeThreshold(1.2, 1.5, 8)).toBe(8); // > 1.8 but at least 8
    expect(surgeThreshold(0, 2, 3)).toBe(3);
  });
});

describe('small helpers', () => {
  it('ratio is null without a denominator', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
  it('roundedMean rounds to whole seconds', () => {
    expect(roundedMean(0, 0)).toBeNull();
    expect(roundedMean(5, 2)).toBe(3);
    expect(roundedMean(10, 3)).toBe(3);
  });
  it('wholeSeconds truncates and never goes negative', () => {
    const a = new Date('2026-01-05T09:00:00.000Z');
    expect(wholeSeconds(a, new Date('2026-01-05T09:00:59.999Z'))).toBe(59);
    expect(wholeSeconds(a, new Date('2026-01-05T08:59:00.000Z'))).toBe(0);
  });
  it('maxOrNull skips nulls', () => {
    expect(maxOrNull([null, undefined])).toBeNull();
    expect(maxOrNull([3, null, 9, 1])).toBe(9);
  });
});
