import { DEFAULT_INDICATOR_SETTINGS, indicatorSettings } from './indicator-settings';

describe('indicatorSettings', () => {
  it('applies the defaults of SPEC §4 when nothing is set', () => {
    expect(indicatorSettings({})).toEqual(DEFAULT_INDICATOR_SETTINGS);
    expect(indicatorSettings(null)).toEqual({
      waitTargetSec: 900,
      waitWarnRatio: 0.8,
      tidalQueue: 10,
      allowedBreakSec: 900,
      surgeFactor: 2,
      surgeMinWaiting: 8,
    });
  });
  it('takes valid site values and ignores malformed ones', () => {
    const s = indicatorSettings({ waitTargetSec: 600, tidalQueue: '12', allowedBreakSec: -5, surgeFactor: 1.5, waitWarnRatio: 1.2 });
    expect(s).toEqual({ ...DEFAULT_INDICATOR_SETTINGS, waitTargetSec: 600, surgeFactor: 1.5 });
    expect(indicatorSettings({ tidalQueue: 2.5 }).tidalQueue).toBe(10);
  });
});
