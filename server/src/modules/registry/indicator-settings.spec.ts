import { DEFAULT_SITE_SETTINGS } from '@hallwatch/shared';
import { indicatorSettings } from './indicator-settings';

describe('indicatorSettings', () => {
  it('applies the defaults of docs/contracts/indicators.md when nothing is set', () => {
    expect(indicatorSettings({})).toEqual(DEFAULT_SITE_SETTINGS);
    expect(indicatorSettings(null)).toEqual({
      waitTargetSec: 900,
      waitWarnRatio: 0.8,
      tidalQueue: 10,
      allowedBreakSec: 900,
      surgeFactor: 2,
      surgeMinWaiting: 8,
      hours: { opens: '08:30', closes: '17:30', weekdays: [1, 2, 3, 4, 5] },
      roundWindowLeadMin: 15,
      roundMinDurationSec: 300,
      callbackSampleShare: 0.1,
      unattendedWindowSec: 900,
      lunchBreak: null,
      windowImbalanceMax: 1,
      badReviewAlertRating: 2,
      noticeNumberPattern: '{site}督告〔{year}〕{seq}号',
      noticeIssuer: null,
      wallDistrictPage: false,
    });
  });
  it('takes a notice number pattern that numbers uniquely and ignores any other', () => {
    expect(indicatorSettings({ noticeNumberPattern: '惠督〔{year}〕{seq:3}号' }).noticeNumberPattern).toBe('惠督〔{year}〕{seq:3}号');
    expect(indicatorSettings({ noticeNumberPattern: '惠督〔{year}〕号' }).noticeNumberPattern).toBe('{site}督告〔{year}〕{seq}号');
    expect(indicatorSettings({ noticeIssuer: '  督查室 ' }).noticeIssuer).toBe('督查室');
    expect(indicatorSettings({ noticeIssuer: 7 }).noticeIssuer).toBeNull();
  });
  it('takes a callback share from 0 to 1 and ignores anything else', () => {
    expect(indicatorSettings({ callbackSampleShare: 0 }).callbackSampleShare).toBe(0);
    expect(indicatorSettings({ callbackSampleShare: 1 }).callbackSampleShare).toBe(1);
    expect(indicatorSettings({ callbackSampleShare: 1.5 }).callbackSampleShare).toBe(0.1);
    expect(indicatorSettings({ callbackSampleShare: '0.3' }).callbackSampleShare).toBe(0.1);
  });
  it('takes the alert thresholds and the midday break, and ignores malformed ones', () => {
    expect(
      indicatorSettings({
        unattendedWindowSec: 600,
        lunchBreak: { from: '12:00', to: '13:30' },
        windowImbalanceMax: 0.5,
        badReviewAlertRating: 1,
      }),
    ).toMatchObject({
      unattendedWindowSec: 600,
      lunchBreak: { from: '12:00', to: '13:30' },
      windowImbalanceMax: 0.5,
      badReviewAlertRating: 1,
    });
    expect(
      indicatorSettings({
        unattendedWindowSec: 0,
        lunchBreak: { from: '13:30', to: '12:00' },
        windowImbalanceMax: -1,
        badReviewAlertRating: 3,
      }),
    ).toMatchObject({ unattendedWindowSec: 900, lunchBreak: null, windowImbalanceMax: 1, badReviewAlertRating: 2 });
    expect(indicatorSettings({ lunchBreak: { from: '12:00', to: '13:00', extra: 1 } }).lunchBreak).toBeNull();
  });
  it('takes a round window of 0 minutes and ignores malformed patrol rules', () => {
    expect(indicatorSettings({ roundWindowLeadMin: 0, roundMinDurationSec: 60 })).toMatchObject({
      roundWindowLeadMin: 0,
      roundMinDurationSec: 60,
    });
    expect(indicatorSettings({ roundWindowLeadMin: -1, roundMinDurationSec: 0.5 })).toMatchObject({
      roundWindowLeadMin: 15,
      roundMinDurationSec: 300,
    });
  });
  it('takes valid site values and ignores malformed ones', () => {
    const s = indicatorSettings({ waitTargetSec: 600, tidalQueue: '12', allowedBreakSec: -5, surgeFactor: 1.5, waitWarnRatio: 1.2 });
    expect(s).toEqual({ ...DEFAULT_SITE_SETTINGS, waitTargetSec: 600, surgeFactor: 1.5 });
    expect(indicatorSettings({ tidalQueue: 2.5 }).tidalQueue).toBe(10);
  });
  it('takes sound opening hours and keeps the default for unsound ones', () => {
    const hours = { opens: '00:00', closes: '23:50', weekdays: [6, 0, 1, 2, 3, 4, 5, 5] };
    expect(indicatorSettings({ hours }).hours).toEqual({ opens: '00:00', closes: '23:50', weekdays: [0, 1, 2, 3, 4, 5, 6] });
    for (const bad of [
      { ...hours, closes: '24:00' },
      { ...hours, opens: '9:00' },
      { ...hours, weekdays: [7] },
      { opens: '10:00', closes: '09:00', weekdays: [1] },
      'all day',
    ])
      expect(indicatorSettings({ hours: bad }).hours).toEqual(DEFAULT_SITE_SETTINGS.hours);
  });
});
