import type { SiteTier } from './registry';
import type { Role } from './roles';

// The district at a glance (docs/contracts/live-socket.md, "The district overview"): one compact
// summary per site of a district hall's tree, read once over HTTP and then kept live over the
// one `district` subscription of the socket.

/** Who reads the district overview: its route, its socket subscription and the /district page. */
export const DISTRICT_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/**
 * Who reads the overview's data (its route and socket subscription): the readers, and a display
 * token of the district hall for the wall's district page. The /district page stays the readers'.
 */
export const DISTRICT_DATA_ROLES = [...DISTRICT_READER_ROLES, 'display'] as const satisfies readonly Role[];

/**
 * A site open now whose devices have sent nothing for this long (counted from the opening or the
 * end of the midday break when later) is stale: its figures are old, not calm.
 */
export const DISTRICT_STALE_AFTER_MIN = 60;

import type { SiteVisitFacts } from './visits';

export interface SiteSummary {
  site: string;
  name: { zh: string; en: string };
  tier: SiteTier;
  /** The site above it in the tree; null for the district hall. */
  parent: string | null;
  asOf: string;
  waiting: number | null;
  longestWaitSec: number | null;
  waitTargetSec: number;
  /** Open windows with someone on post (serving or idle), of the open windows in the registry. */
  windowsStaffed: number;
  windowsOpen: number;
  staffOnPost: number | null;
  /** Staff on the published roster (进驻人员). */
  roster: number;
  goodRate: number | null;
  activeRate: number | null;
  alerts: { breach: number; warning: number };
  /** Within its opening hours now (outside the midday break). */
  open: boolean;
  /** The latest event its devices sent today; null when none. */
  lastEventAt: string | null;
  stale: boolean;
  /** The office's visits to a town or village (实地督导, 暗访): the last one finished and the findings still open; null for the hall. */
  visits: SiteVisitFacts | null;
}

/** `GET /api/v1/sites/:site/district`: the district hall and every site under it. */
export interface DistrictSummary {
  district: string;
  asOf: string;
  staleAfterMin: number;
  sites: SiteSummary[];
}

/** The socket's `district` message: the summaries of the sites that changed (all of them on connecting). */
export interface DistrictUpdate {
  district: string;
  sites: SiteSummary[];
  /** True when `sites` holds every site of the district (the message on connecting). */
  complete: boolean;
}

/**
 * How much a site needs attention, highest first: silent devices in opening hours, then breaches,
 * then a wait past its target, then warnings and unstaffed windows.
 */
export function attentionOf(s: SiteSummary): number {
  let score = 0;
  if (s.stale) score += 1000;
  score += s.alerts.breach * 100;
  if (s.longestWaitSec !== null && s.waitTargetSec > 0) score += Math.min(300, Math.round((s.longestWaitSec / s.waitTargetSec) * 60));
  score += s.alerts.warning * 20;
  if (s.open) score += (s.windowsOpen - s.windowsStaffed) * 10;
  return score;
}
