import type { SiteView } from '@hallwatch/shared';

// The registry's sites as people look for them: the hall, then each town centre with the
// village stations under it. The shell's site switcher and the trends' site picker share it.

export interface SiteGroup {
  /** The town heading the group. */
  head: SiteView;
  /** The sites under it, by code. */
  members: SiteView[];
}

const byCode = (a: SiteView, b: SiteView) => a.code.localeCompare(b.code, 'en', { numeric: true });

/** The halls on top, then a group per town of it and everything below it, in code order. */
export function siteGroups(sites: readonly SiteView[]): { top: SiteView[]; groups: SiteGroup[] } {
  const codes = new Set(sites.map((s) => s.code));
  const under = new Map<string | null, SiteView[]>();
  for (const s of sites) {
    const parent = s.parent && codes.has(s.parent) ? s.parent : null;
    under.set(parent, [...(under.get(parent) ?? []), s]);
  }
  const below = (code: string): SiteView[] => (under.get(code) ?? []).sort(byCode).flatMap((s) => [s, ...below(s.code)]);
  const roots = (under.get(null) ?? []).sort(byCode);
  // A hall stands on top and its towns head the groups; a town whose hall the account does not
  // see heads its own group.
  const top = roots.filter((r) => r.tier === 'hall');
  const groups = roots.flatMap((r) =>
    r.tier === 'hall'
      ? (under.get(r.code) ?? []).sort(byCode).map((c) => ({ head: c, members: below(c.code) }))
      : [{ head: r, members: below(r.code) }],
  );
  return { top, groups };
}

/** Whether a site answers a search: its Chinese or English name, or its code, holds the words. */
export function siteMatches(s: SiteView, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [s.name, s.nameEn ?? '', s.code].some((text) => text.toLowerCase().includes(q));
}
