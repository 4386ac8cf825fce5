// A site's registry as the admin API shows it (`/api/v1/admin/sites/...`): codes, never
// internal ids, so a site's registry can be exported and re-created elsewhere.

export const SITE_TIERS = ['hall', 'town', 'village'] as const;
export type SiteTier = (typeof SITE_TIERS)[number];

/**
 * The zone a screen assumes only until it knows the site's own (`SiteView.timezone`, or the
 * wall snapshot's `siteInfo.timeZone`), and the one a new site gets when none is given.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const WINDOW_KINDS = [
  'general',
  'dedicated',
  'tidal',
  'green_channel',
  'business_startup',
  'assisted',
  'pre_review',
  'self_service',
] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export interface SiteView {
  code: string;
  name: string;
  nameEn: string | null;
  tier: SiteTier;
  parent: string | null;
  /** IANA zone of the hall's clock: days, months and times of day on its screens are in it. */
  timezone: string;
  createdAt: string;
}

export interface DepartmentView {
  code: string;
  name: string;
  nameEn: string | null;
  waitTargetSec: number | null;
  /** Expected to be stationed in the hall (应进驻). */
  expectedToStation: boolean;
  /** Staff its published list (进驻表) names, if it publishes one. */
  expectedStaff: number | null;
  /** When it was retired (撤销); a retired department stays known to events and history. */
  retiredAt: string | null;
}

export interface WindowView {
  code: string;
  number: number | null;
  departmentCode: string | null;
  kind: WindowKind;
  isOpen: boolean;
}

export interface ServiceItemView {
  code: string;
  name: string;
  departmentCode: string | null;
  /** On the negative list (负面清单): need not be handled in the hall. */
  negativeList: boolean;
}

/** The columns of the service-item sheet (事项清单), in the template's order. */
export const SERVICE_ITEM_SHEET_FIELDS = ['code', 'name', 'department', 'negativeList'] as const;
export type ServiceItemSheetField = (typeof SERVICE_ITEM_SHEET_FIELDS)[number];

/** What can be wrong with a cell, a column or the sheet; the screen words each in its language. */
export const SHEET_PROBLEMS = [
  'missing_column',
  'no_rows',
  'too_many_rows',
  'required',
  'too_long',
  'bad_code',
  'code_as_number',
  'unknown_department',
  'duplicate_code',
  'bad_flag',
] as const;
export type SheetProblemKind = (typeof SHEET_PROBLEMS)[number];

export interface SheetProblem {
  /** The sheet's own row number (the header is row 1). */
  row: number;
  /** The column's letter as the spreadsheet shows it (A, B, …); null when the column is missing. */
  column: string | null;
  field: ServiceItemSheetField | null;
  problem: SheetProblemKind;
  /** The cell's text, or the limit or first row the problem refers to. */
  value: string | null;
}

/** A dry run (`applied: false`) or an import: counts of what the sheet changes, and its problems. */
export interface ServiceItemImportResult {
  applied: boolean;
  fileName: string;
  /** Rows with anything in the sheet's columns, good or not. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The first problems, row by row; `problemCount` counts them all. Any problem: nothing is stored. */
  problems: SheetProblem[];
  problemCount: number;
}

/** A member of a site's staff as the admin API shows them (codes, never internal ids). */
export interface StaffView {
  code: string;
  name: string;
  departmentCode: string | null;
  onRoster: boolean;
}

/** A registry code that events named and the registry did not know (docs/contracts/device-events.md). */
export interface UnknownReferenceView {
  kind: 'department' | 'window' | 'staff';
  code: string;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
}
