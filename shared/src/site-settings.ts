import { DEFAULT_HALL_HOURS, HallHours, LunchBreak } from './hall-hours';
import { DEFAULT_NOTICE_NUMBER_PATTERN } from './patrol-notice-document';

/**
 * A site's thresholds (`GET/PATCH /api/v1/admin/sites/:site/settings`), kept in sites.settings;
 * the indicators judge by them and the wall colours by them.
 */
export interface SiteSettings {
  /** Wait target when the department sets none (15 minutes, items 22 and 26). */
  waitTargetSec: number;
  /** Share of the target at which a wait warns before it breaches. */
  waitWarnRatio: number;
  /** Waiting tickets at which a department with a closed tidal window is told to open it. */
  tidalQueue: number;
  /** Longest break before an away staff member counts as unregistered. */
  allowedBreakSec: number;
  /** How many times the usual waiting count makes a surge. */
  surgeFactor: number;
  /** Below this many waiting a queue is never a surge, however quiet the hour usually is. */
  surgeMinWaiting: number;
  /** When the hall opens: the wall tells a quiet closed hall from a silent open one by them. */
  hours: HallHours;
  /** How many minutes before its time a patrol round may be started; its window closes when it goes overdue. */
  roundWindowLeadMin: number;
  /** A patrol round walked faster than this many seconds is 存疑, not done. */
  roundMinDurationSec: number;
  /** Share (0–1) of closed follow-ups drawn at random for a second callback (回访核实); each handler also gets one a week. */
  callbackSampleShare: number;
  /**
   * A window the registry marks open that stands with nobody signed in at it for longer than
   * this many seconds in opening hours is unattended (无人值守, item 47), and alerts.
   */
  unattendedWindowSec: number;
  /** The midday break in which windows may close without counting as unattended; null for none. */
  lunchBreak: LunchBreak | null;
  /**
   * A department whose `windows.imbalance` (the gap between its busiest and idlest open window, in
   * average windows' loads) is above this alerts as 忙闲不均 (item 22), once its windows have
   * completed IMBALANCE_MIN_SERVED_PER_WINDOW tickets each on average.
   */
  windowImbalanceMax: number;
  /** A rating at or below this many stars alerts the wall the moment it arrives (1–2 are 差评). */
  badReviewAlertRating: number;
  /** How a 督查告知书 is numbered (文号): {site}, {year} and {seq} (or {seq:3}), e.g. {site}督告〔{year}〕{seq}号. */
  noticeNumberPattern: string;
  /** The office that signs the notices; null signs them with the site's name. */
  noticeIssuer: string | null;
  /**
   * A district hall's wall, when it rotates pages, includes the district page (every site at a
   * glance); off by default, as a hall without towns has nothing to show there.
   */
  wallDistrictPage: boolean;
}

/** Below this many completions per open window on average, a department's imbalance is noise and does not alert. */
export const IMBALANCE_MIN_SERVED_PER_WINDOW = 5;

/** What a site that sets nothing gets, from the published report; the server fills them in, a screen never needs to. */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  waitTargetSec: 900,
  waitWarnRatio: 0.8,
  tidalQueue: 10,
  allowedBreakSec: 900,
  surgeFactor: 2,
  surgeMinWaiting: 8,
  hours: DEFAULT_HALL_HOURS,
  roundWindowLeadMin: 15,
  roundMinDurationSec: 300,
  callbackSampleShare: 0.1,
  unattendedWindowSec: 900,
  lunchBreak: null,
  windowImbalanceMax: 1,
  badReviewAlertRating: 2,
  noticeNumberPattern: DEFAULT_NOTICE_NUMBER_PATTERN,
  noticeIssuer: null,
  wallDistrictPage: false,
};
