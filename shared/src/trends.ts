import type { SiteTier } from './registry';

// The leaders' satisfaction trends (docs/contracts/reviews.md): counts the API sends and the rates every
// client derives from them the same way. Counts travel rather than rates so that any
// period, department or scope adds up exactly.

export interface RateCounts {
  /** Reviews given, upheld appeals left out. */
  reviews: number;
  /** Ratings 4–5. */
  good: number;
  /** Ratings 1–2 (差评). */
  bad: number;
  ratingSum: number;
  /** Services completed (tickets done): the active rate's denominator. */
  completed: number;
  /** Bad reviews whose deadline has passed or whose follow-up is closed. */
  badDue: number;
  /** Of those, closed (confirmed) within the deadline. */
  badClosedOnTime: number;
  realNameBad: number;
  /** Real-name bad reviews whose first-contact deadline has passed or that were called. */
  callbackDue: number;
  callbackDone: number;
  complaints: number;
  complaintsDue: number;
  complaintsClosedOnTime: number;
  /** Waits that ended in a call, and their total seconds. */
  waitCount: number;
  waitSumSec: number;
}

export const RATE_COUNT_KEYS = [
  'reviews',
  'good',
  'bad',
  'ratingSum',
  'completed',
  'badDue',
  'badClosedOnTime',
  'realNameBad',
  'callbackDue',
  'callbackDone',
  'complaints',
  'complaintsDue',
  'complaintsClosedOnTime',
  'waitCount',
  'waitSumSec',
] as const satisfies ReadonlyArray<keyof RateCounts>;

export const zeroCounts = (): RateCounts => Object.fromEntries(RATE_COUNT_KEYS.map((k) => [k, 0])) as unknown as RateCounts;

export function addCounts(into: RateCounts, from: RateCounts): RateCounts {
  for (const k of RATE_COUNT_KEYS) into[k] += from[k];
  return into;
}

const share = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** 主动评价率 = reviews ÷ completed services (online reviews can push it past 100%). */
export const activeRate = (c: RateCounts) => share(c.reviews, c.completed);
/** 好评率 = ratings 4–5 ÷ all ratings. */
export const goodRate = (c: RateCounts) => share(c.good, c.reviews);
/** 差评整改率 = bad reviews closed within deadline ÷ bad reviews due. */
export const rectifyRate = (c: RateCounts) => share(c.badClosedOnTime, c.badDue);
/** 实名差评回访率: must be 100%. */
export const callbackRate = (c: RateCounts) => share(c.callbackDone, c.callbackDue);
export const complaintOnTimeRate = (c: RateCounts) => share(c.complaintsClosedOnTime, c.complaintsDue);
export const averageRating = (c: RateCounts) => share(c.ratingSum, c.reviews);
export const averageWaitSec = (c: RateCounts) => share(c.waitSumSec, c.waitCount);

export const TREND_GRAINS = ['day', 'week', 'month'] as const;
export type TrendGrain = (typeof TREND_GRAINS)[number];

/** `site`: the site alone; `tree`: with its town centres and village stations; `all`: every site. */
export const TREND_SCOPES = ['site', 'tree', 'all'] as const;
export type TrendScope = (typeof TREND_SCOPES)[number];

export const BREAKDOWN_DIMS = ['department', 'window', 'staff', 'channel', 'site'] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

export interface TrendScopeView {
  scope: TrendScope;
  site: string | null;
  siteName: string | null;
  timeZone: string;
}

export interface TrendPoint extends RateCounts {
  /** First day of the period (a Monday for weeks, the 1st for months). */
  period: string;
}

export interface TrendSeriesView extends TrendScopeView {
  grain: TrendGrain;
  from: string;
  to: string;
  department: string | null;
  points: TrendPoint[];
  /** The same number of periods just before, aligned by position. */
  previous: TrendPoint[];
  totals: RateCounts;
  previousTotals: RateCounts;
}

export interface BreakdownRow extends RateCounts {
  key: string;
  name: string;
  /** The English name where the registry has one, else `name` (a person's name stays as written). */
  nameEn: string;
  previous: RateCounts;
}

export interface BreakdownView extends TrendScopeView {
  dim: BreakdownDim;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  rows: BreakdownRow[];
}

export interface TrendMatrixView extends TrendScopeView {
  dim: BreakdownDim;
  from: string;
  to: string;
  /** One row per day and key that has data; the leaders' daily trend by department. */
  rows: Array<{ day: string; key: string } & RateCounts>;
}

export const HEATMAP_METRICS = ['wait', 'bad'] as const;
export type HeatmapMetric = (typeof HEATMAP_METRICS)[number];

export interface HeatmapCell {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  reviews: number;
  bad: number;
  waitCount: number;
  waitSumSec: number;
}

export interface HeatmapView extends TrendScopeView {
  from: string;
  to: string;
  department: string | null;
  cells: HeatmapCell[];
}

/** Waits (minutes) bucketed for satisfaction against waiting time; the last is open-ended. */
export const WAIT_BUCKETS = [
  { key: '00-05', fromMin: 0 },
  { key: '05-10', fromMin: 5 },
  { key: '10-15', fromMin: 10 },
  { key: '15-30', fromMin: 15 },
  { key: '30-60', fromMin: 30 },
  { key: '60+', fromMin: 60 },
] as const;

export interface WaitSatisfactionRow {
  bucket: string;
  reviews: number;
  good: number;
  bad: number;
  ratingSum: number;
}

export interface WaitSatisfactionView extends TrendScopeView {
  from: string;
  to: string;
  rows: WaitSatisfactionRow[];
  /** Reviews that name no ticket (online) cannot be placed against a wait. */
  unlinked: number;
}

export const RANKING_UNITS = ['department', 'window'] as const;
export type RankingUnit = (typeof RANKING_UNITS)[number];

/** The tie-break chain, in order (item 46: the ranking must separate units whose data differ). */
export const RANKING_CRITERIA = ['goodRate', 'bad', 'activeRate', 'reviews'] as const;
export type RankingCriterion = (typeof RANKING_CRITERIA)[number];

export interface RankingRow {
  place: number;
  key: string;
  name: string;
  /** The English name where the registry has one, else `name`. */
  nameEn: string;
  reviews: number;
  good: number;
  bad: number;
  completed: number;
  goodRate: number | null;
  activeRate: number | null;
  /** What separates this unit from the one placed just above (for the first: just below); null for a true tie. */
  decidedBy: RankingCriterion | null;
  reason: { zh: string; en: string };
}

export interface RankingView extends TrendScopeView {
  unit: RankingUnit;
  month: string;
  rows: RankingRow[];
}

/** How many sites one comparison may hold: a chart with more lines is read by nobody. */
export const MAX_COMPARED_SITES = 12;

/** One site's own figures (not its stations') per period, for comparing sites side by side. */
export interface SiteSeries {
  site: string;
  name: string;
  nameEn: string | null;
  tier: SiteTier;
  /** The code of the site it reports to (a village's town), null for the top. */
  parent: string | null;
  points: TrendPoint[];
  totals: RateCounts;
}

export interface SiteComparisonView extends TrendScopeView {
  grain: TrendGrain;
  from: string;
  to: string;
  /** In the order the request named them. */
  sites: SiteSeries[];
}

export const EXPORT_TABLES = ['series', 'breakdown', 'heatmap', 'waiting', 'ranking', 'cases', 'sites'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
