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
}

export interface WindowView {
  code: string;
  number: number | null;
  departmentCode: string | null;
  kind: WindowKind;
  isOpen: boolean;
}
