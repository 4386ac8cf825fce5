// The rectification items (整改事项) of docs/contracts/rectification.md as the API serves them to the dashboard.

import { INDICATORS, type IndicatorId } from './indicators';

export const RECTIFICATION_STATUSES = ['in_progress', 'rectified', 'ongoing'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, { zh: string; en: string }> = {
  in_progress: { zh: '整改中', en: 'In progress' },
  rectified: { zh: '已整改', en: 'Rectified' },
  ongoing: { zh: '长期坚持', en: 'Ongoing' },
};

export const TARGET_COMPARATORS = ['>=', '<=', '='] as const;
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];
export const COMPARATOR_SIGNS: Record<TargetComparator, string> = { '>=': '≥', '<=': '≤', '=': '=' };

/**
 * `day`: judged once a day on the day's value after the hall closes (rounds done, today's
 * rates); `now`: judged continuously on the current value (staff away, roster presence).
 */
export const LINK_WINDOWS = ['day', 'now'] as const;
export type LinkWindow = (typeof LINK_WINDOWS)[number];

/** Kind of the wall alert raised while a rectified item rebounds (反弹). */
export const REBOUND_ALERT_KIND = 'rectification.rebound';

// Ratios are computed by division, so 1 may arrive as 0.9999999999999999.
const EPSILON = 1e-9;

export function meetsTarget(value: number, comparator: TargetComparator, target: number): boolean {
  if (comparator === '>=') return value >= target - EPSILON;
  if (comparator === '<=') return value <= target + EPSILON;
  return Math.abs(value - target) <= EPSILON;
}

const trim = (n: number, digits: number): string => String(Number(n.toFixed(digits)));

/** An indicator value as a person reads it: 99.52%, 8分12秒, 4. */
export function formatIndicatorValue(id: IndicatorId, value: number | null, lang: 'zh' | 'en' = 'zh'): string {
  if (value === null) return '—';
  const unit = INDICATORS[id]?.unit ?? 'count';
  if (unit === 'ratio') return `${trim(value * 100, 2)}%`;
  if (unit === 'seconds') {
    const m = Math.floor(value / 60);
    const s = Math.round(value % 60);
    if (lang === 'en') return m ? `${m} min ${s} s` : `${s} s`;
    return m ? `${m}分${s}秒` : `${s}秒`;
  }
  return trim(value, 2);
}

/** "≥ 99.5%" */
export function formatTarget(id: IndicatorId, comparator: TargetComparator, target: number, lang: 'zh' | 'en' = 'zh'): string {
  return `${COMPARATOR_SIGNS[comparator]} ${formatIndicatorValue(id, target, lang)}`;
}

export interface RectificationMeasureView {
  /** The marker as written (一是, 2.), "" when unnumbered. */
  marker: string;
  text: string;
  line: number;
}

/** A closed day's look-back verdict on a daily link. */
export type DayVerdict = 'pass' | 'fail' | 'no-data';

export interface RectificationLinkView {
  id: string;
  indicator: IndicatorId;
  comparator: TargetComparator;
  target: number;
  window: LinkWindow;
  /** Department code; null for the whole site. */
  department: string | null;
  /** Whether it came from the default mapping or an admin. */
  origin: 'default' | 'admin';
  /** The current value from the live snapshot (for `day`: today so far). */
  value: number | null;
  /** null when the value is unknown. */
  onTarget: boolean | null;
  /** `now` links: since when the value has been off target, as observed by the look-back. */
  offSince: string | null;
  /** `day` links: the last service day judged, its verdict, and how many judged days in a row missed. */
  judgedDay: string | null;
  /** A day without data is judged neither way: the page must not call it 达标. */
  judgedVerdict: DayVerdict | null;
  failingDays: number;
  checkedAt: string | null;
}

/** `office`: added by the hall; `report`: a dated measure of the published report, read at import. */
export const EVIDENCE_SOURCES = ['office', 'report'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface RectificationEvidenceView {
  id: string;
  /** The day the evidence is about (a training held, a meeting minuted). */
  date: string;
  text: string;
  source: EvidenceSource;
  /** For evidence from the report: the report's line it stands on. */
  sourceLine: number | null;
  attachment: { name: string; type: string; size: number } | null;
  createdBy: string;
  createdAt: string;
}

export interface RectificationHistoryView {
  at: string;
  actor: string;
  field: string;
  old: string | null;
  new: string | null;
}

export interface RectificationReboundView {
  since: string;
  lastChecked: string;
  /** The links off target that make the rebound. */
  links: Array<{
    indicator: IndicatorId;
    department: string | null;
    value: number | null;
    comparator: TargetComparator;
    target: number;
    window: LinkWindow;
  }>;
}

export interface RectificationItemView {
  key: string;
  number: number;
  partOrdinal: number | null;
  sectionOrdinal: number | null;
  sectionNumeral: string | null;
  sectionTitle: string | null;
  subsectionOrdinal: number | null;
  subsectionTitle: string | null;
  /** Empty when the report lost the item's heading (the seed's item 42). */
  problem: string;
  measures: RectificationMeasureView[];
  remarks: string[];
  figures: Array<{ kind: string; text: string; line: number; source: string }>;
  sourceLine: number;
  endLine: number;
  /** How the number was deduced when the heading was missing; null for a headed item. */
  inferredNote: string | null;
  /** Not found in the latest import of its report (kept for its history and evidence). */
  absentFromLatestImport: boolean;
  status: RectificationStatus;
  /** Who set the status: the report's own words at import, or the office since. */
  statusSetBy: 'report' | 'office';
  /** What the report states about the item, with its line; null when it states nothing. */
  statedStatus: StatedStatusView | null;
  responsibleDepartment: string | null;
  deadline: string | null;
  rectifiedAt: string | null;
  links: RectificationLinkView[];
  evidence: RectificationEvidenceView[];
  history: RectificationHistoryView[];
  rebound: RectificationReboundView | null;
}

export interface StatedStatusView {
  status: RectificationStatus;
  /** The report's words, e.g. "目前已全部整改", "长期坚持". */
  phrase: string;
  line: number;
  /** `report`: said of all items at once (the summary); `item`: in the item's own measures. */
  scope: 'report' | 'item';
}

/** An item's status and dated measures as an import read them from the report. */
export interface ImportedItemEvidence {
  number: number;
  key: string;
  stated: StatedStatusView | null;
  /** The status the item has after the import. */
  status: RectificationStatus;
  /** False when the office has set the status itself: an import then leaves it. */
  statusFromReport: boolean;
  measures: Array<{ date: string; dateText: string; text: string; line: number }>;
}

export interface RectificationSectionView {
  partOrdinal: number | null;
  ordinal: number | null;
  numeral: string | null;
  title: string | null;
  items: RectificationItemView[];
}

export interface ImportMessage {
  line: number;
  endLine?: number;
  kind: string;
  message: string;
}

export interface RectificationReportView {
  ref: string;
  sourceName: string;
  statedCount: number | null;
  statedCountLine: number | null;
  importedAt: string;
  importCount: number;
  warnings: ImportMessage[];
  notes: ImportMessage[];
}

export interface LookBackSettings {
  /** How long a `now` link must stay off target before a rectified item rebounds. */
  liveMinutes: number;
  /** How many judged days in a row a `day` link must miss before a rectified item rebounds. */
  days: number;
  /** Hall-local time (HH:MM) after which the day's value is final and judged. */
  dayClosesAt: string;
}

export interface RectificationListView {
  site: string;
  /** The hall's name for the page's title, in Chinese and (where set) English. */
  siteName: string;
  siteNameEn: string | null;
  report: RectificationReportView | null;
  settings: LookBackSettings;
  asOf: string;
  counts: Record<RectificationStatus, number> & { total: number; rebounding: number };
  sections: RectificationSectionView[];
}

export interface RectificationCountCheck {
  stated: number | null;
  /** Items with their own (N) heading. */
  headed: number;
  /** Items whose number was deduced from a gap in the numbering. */
  inferred: number[];
  total: number;
  matches: boolean | null;
  message: string;
}

export interface RectificationImportResult {
  site: string;
  report: RectificationReportView;
  encoding: string;
  created: number[];
  updated: number[];
  unchanged: number;
  /** Keys of earlier items this import no longer contains; kept, never deleted. */
  absent: string[];
  linksAdded: number;
  /** What the report states for all its items ("目前已全部整改", line 11); null when it says nothing. */
  statedStatus: StatedStatusView | null;
  /** Items whose status the import set from the report, by the status set. */
  statusSet: Record<RectificationStatus, number>;
  /** Dated measures recorded as evidence from the report: newly, and in all. */
  evidenceAdded: number;
  evidenceTotal: number;
  /** Per item: the stated status and the dated measures taken as evidence. */
  items: ImportedItemEvidence[];
  count: RectificationCountCheck;
  warnings: ImportMessage[];
  notes: ImportMessage[];
}

export interface LookBackResult {
  site: string;
  checkedAt: string;
  links: number;
  rebounding: Array<{ key: string; number: number; since: string }>;
  raised: string[];
  cleared: string[];
}

/** `POST /api/v1/admin/rectification/items/:key/links`: ratios as 0–1. */
export interface RectificationLinkInput {
  indicator: IndicatorId;
  comparator: TargetComparator;
  target: number;
  window: LinkWindow;
  /** One department's figure; null or absent for the whole site's. */
  department?: string | null;
}

/** `PATCH /api/v1/admin/rectification/links/:id`: a link's indicator is fixed once made. */
export type RectificationLinkPatch = Partial<Omit<RectificationLinkInput, 'indicator'>>;

/** `PATCH /api/v1/admin/rectification/items/:key`: a field left out stays as it is. */
export interface RectificationItemPatch {
  status?: RectificationStatus;
  responsibleDepartment?: string | null;
  /** YYYY-MM-DD, or null for none. */
  deadline?: string | null;
}
