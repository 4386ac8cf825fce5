import { attentionOf, type SiteSummary } from '@hallwatch/shared';

export interface TownGroup {
  town: SiteSummary;
  villages: SiteSummary[];
  /** What the group's most pressing site scores: groups are shown most pressing first. */
  attention: number;
}

export interface DistrictLayout {
  hall: SiteSummary | null;
  towns: TownGroup[];
  /** Sites under the hall but under no town in the list (a village hung directly under the hall). */
  loose: SiteSummary[];
}

const byAttention = (a: SiteSummary, b: SiteSummary) =>
  attentionOf(b) - attentionOf(a) || a.site.localeCompare(b.site, 'en', { numeric: true });

/** The hall on top, then each town with its villages, what needs attention first at both levels. */
export function layoutOf(sites: readonly SiteSummary[]): DistrictLayout {
  const hall = sites.find((s) => s.tier === 'hall') ?? null;
  const towns = new Map<string, TownGroup>();
  for (const s of sites) if (s.tier === 'town') towns.set(s.site, { town: s, villages: [], attention: attentionOf(s) });
  const loose: SiteSummary[] = [];
  for (const s of sites) {
    if (s.tier !== 'village') continue;
    const group = s.parent ? towns.get(s.parent) : undefined;
    if (!group) loose.push(s);
    else {
      group.villages.push(s);
      group.attention = Math.max(group.attention, attentionOf(s));
    }
  }
  for (const g of towns.values()) g.villages.sort(byAttention);
  const ordered = [...towns.values()].sort(
    (a, b) => b.attention - a.attention || a.town.site.localeCompare(b.town.site, 'en', { numeric: true }),
  );
  return { hall, towns: ordered, loose: loose.sort(byAttention) };
}

export type Tone = 'stale' | 'breach' | 'warning' | 'closed' | 'ok';

/** The one colour a site's card carries: silence first, never shown as calm. */
export function toneOf(s: SiteSummary): Tone {
  if (s.stale) return 'stale';
  if (s.alerts.breach > 0 || (s.longestWaitSec !== null && s.longestWaitSec > s.waitTargetSec)) return 'breach';
  if (s.alerts.warning > 0) return 'warning';
  if (!s.open) return 'closed';
  return 'ok';
}
