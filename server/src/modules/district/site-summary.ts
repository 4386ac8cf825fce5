import { DISTRICT_STALE_AFTER_MIN, IndicatorSnapshot, SiteSummary, SiteTier, SiteVisitFacts } from '@hallwatch/shared';
import type { Opening } from '../indicators/window-alert-rules';

export interface SummaryInputs {
  site: { code: string; tier: SiteTier };
  parent: string | null;
  snapshot: IndicatorSnapshot;
  roster: number;
  /** Today's opening; null on a day the site is closed. */
  opening: Opening | null;
  lastEventAt: Date | null;
  now: Date;
  /** The office's visits to it (towns and villages); null for the hall. */
  visits: SiteVisitFacts | null;
}

const later = (a: Date, b: Date | null): Date => (b && b > a ? b : a);

/**
 * Whether the site is open at `now` (outside its midday break), and whether its devices have been
 * silent too long in it: silence is counted from the last event, the opening or the end of the
 * break, whichever is latest, so that a site is never stale for a silence it was closed through.
 */
export function openAndStale(opening: Opening | null, lastEventAt: Date | null, now: Date): { open: boolean; stale: boolean } {
  if (!opening || now < opening.opensAt || now >= opening.closesAt) return { open: false, stale: false };
  const lunch = opening.lunch;
  if (lunch && now >= lunch.from && now < lunch.to) return { open: false, stale: false };
  const since = later(later(opening.opensAt, lunch && now >= lunch.to ? lunch.to : null), lastEventAt);
  return { open: true, stale: now.getTime() - since.getTime() > DISTRICT_STALE_AFTER_MIN * 60_000 };
}

/** One site's line on the district overview, from its wall's snapshot and its devices' activity. */
export function summarize(i: SummaryInputs): SiteSummary {
  const s = i.snapshot;
  const v = s.values;
  const open = s.windows.filter((w) => w.isOpen);
  const { open: isOpen, stale } = openAndStale(i.opening, i.lastEventAt, i.now);
  return {
    site: i.site.code,
    name: s.siteInfo.name,
    tier: i.site.tier,
    parent: i.parent,
    asOf: s.asOf,
    waiting: v['queue.waiting'] ?? null,
    longestWaitSec: v['queue.wait.max'] ?? null,
    waitTargetSec: s.siteInfo.waitTargetSec,
    windowsStaffed: open.filter((w) => w.state === 'serving' || w.state === 'idle').length,
    windowsOpen: open.length,
    staffOnPost: v['staff.on_post'] ?? null,
    roster: i.roster,
    goodRate: v['reviews.good_rate'] ?? null,
    activeRate: v['reviews.active_rate'] ?? null,
    alerts: {
      breach: s.alerts.filter((a) => a.severity === 'breach').length,
      warning: s.alerts.filter((a) => a.severity === 'warning').length,
    },
    open: isOpen,
    lastEventAt: i.lastEventAt?.toISOString() ?? null,
    stale,
    visits: i.visits,
  };
}

/** Whether two summaries of a site say the same (their time stamps aside): an unchanged site is not pushed. */
export function sameSummary(a: SiteSummary, b: SiteSummary): boolean {
  return JSON.stringify({ ...a, asOf: '' }) === JSON.stringify({ ...b, asOf: '' });
}
