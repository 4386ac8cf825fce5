// Per-site thresholds of docs/contracts/indicators.md, read from sites.settings with the defaults the
// published report implies (both the API's contract, in shared/). A malformed value falls back to the default rather than
// producing a nonsense threshold on the wall.

import {
  DEFAULT_SITE_SETTINGS,
  HallHours,
  hallHoursProblem,
  LunchBreak,
  lunchBreakProblem,
  normalHallHours,
  noticeNumberPatternProblem,
  SiteSettings,
} from '@hallwatch/shared';

const positive = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
const positiveInt = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);

export function indicatorSettings(raw: Record<string, unknown> | null | undefined): SiteSettings {
  const s = raw ?? {};
  const d = DEFAULT_SITE_SETTINGS;
  const warn = positive(s.waitWarnRatio, d.waitWarnRatio);
  return {
    waitTargetSec: positiveInt(s.waitTargetSec, d.waitTargetSec),
    waitWarnRatio: warn < 1 ? warn : d.waitWarnRatio,
    tidalQueue: positiveInt(s.tidalQueue, d.tidalQueue),
    allowedBreakSec: positiveInt(s.allowedBreakSec, d.allowedBreakSec),
    surgeFactor: positive(s.surgeFactor, d.surgeFactor),
    surgeMinWaiting: positiveInt(s.surgeMinWaiting, d.surgeMinWaiting),
    roundWindowLeadMin:
      typeof s.roundWindowLeadMin === 'number' && Number.isInteger(s.roundWindowLeadMin) && s.roundWindowLeadMin >= 0
        ? s.roundWindowLeadMin
        : d.roundWindowLeadMin,
    roundMinDurationSec: positiveInt(s.roundMinDurationSec, d.roundMinDurationSec),
    callbackSampleShare:
      typeof s.callbackSampleShare === 'number' && s.callbackSampleShare >= 0 && s.callbackSampleShare <= 1
        ? s.callbackSampleShare
        : d.callbackSampleShare,
    hours: hallHoursProblem(s.hours) === null ? normalHallHours(s.hours as HallHours) : d.hours,
    unattendedWindowSec: positiveInt(s.unattendedWindowSec, d.unattendedWindowSec),
    lunchBreak:
      lunchBreakProblem(s.lunchBreak) === null
        ? { from: (s.lunchBreak as LunchBreak).from, to: (s.lunchBreak as LunchBreak).to }
        : d.lunchBreak,
    windowImbalanceMax: positive(s.windowImbalanceMax, d.windowImbalanceMax),
    badReviewAlertRating: s.badReviewAlertRating === 1 || s.badReviewAlertRating === 2 ? s.badReviewAlertRating : d.badReviewAlertRating,
    noticeNumberPattern:
      noticeNumberPatternProblem(s.noticeNumberPattern) === null ? (s.noticeNumberPattern as string) : d.noticeNumberPattern,
    noticeIssuer: typeof s.noticeIssuer === 'string' && s.noticeIssuer.trim() ? s.noticeIssuer.trim() : d.noticeIssuer,
    wallDistrictPage: typeof s.wallDistrictPage === 'boolean' ? s.wallDistrictPage : d.wallDistrictPage,
  };
}
