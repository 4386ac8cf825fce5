import { SITE_READER_ROLES, type Me, type SiteView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../api';
import { goToSignIn, lastKnownMe, whoAmI } from '../auth/session';
import type { ShellState } from './context';

export interface ShellSession extends ShellState {
  /** False until the shell knows who is signed in (or that it cannot know, offline) and which site is meant. */
  ready: boolean;
  /** Whether the account has several sites to switch between (a hall's account has its towns and villages). */
  several: boolean;
  chooseSite(code: string): void;
}

/** Whether the registry names the account's sites to it: then its whole tree is there to switch between. */
const readsSites = (me: Me | null): boolean => !!me && (SITE_READER_ROLES as readonly string[]).includes(me.role);

/** The account's own site when the address names none: its only one, else its first hall. */
export function defaultSite(me: Me, sites: SiteView[] | null): string | null {
  if (me.sites !== 'all' && me.sites.length === 1) return me.sites[0];
  const listed = sites?.find((s) => s.tier === 'hall') ?? sites?.[0];
  return listed?.code ?? (me.sites === 'all' ? null : (me.sites[0] ?? null));
}

/** The address with `site` set and everything else kept, as the pages write their own choices. */
function writeSite(code: string): void {
  const p = new URLSearchParams(location.search);
  p.set('site', code);
  history.replaceState(history.state, '', `${location.pathname}?${p}${location.hash}`);
}

/**
 * Who is signed in (nobody: off to /login and back), the sites they may switch between, and the
 * site of the address. Offline, the account last heard of stands in, so the patrol phone's page
 * still opens; with nothing heard of, the page opens as it would without the shell.
 */
export function useShellSession(): ShellSession {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [listed, setListed] = useState<SiteView[] | null | undefined>(undefined);
  const [site, setSite] = useState<string | null>(() => new URLSearchParams(location.search).get('site'));

  useEffect(() => {
    let live = true;
    whoAmI().then(
      (who) => {
        if (!who) return goToSignIn();
        if (live) setMe(who);
      },
      () => live && setMe(lastKnownMe()),
    );
    return () => {
      live = false;
    };
  }, []);

  const reads = readsSites(me ?? null);
  useEffect(() => {
    if (!reads) return;
    let live = true;
    get<SiteView[]>('/api/v1/admin/sites').then(
      (list) => live && setListed(list),
      () => live && setListed(null),
    );
    return () => {
      live = false;
    };
  }, [reads]);
  const sites = me === undefined ? undefined : reads ? listed : null;
  // An account the registry does not answer (patrol) switches between its own codes.
  const several = sites ? sites.length > 1 : !!me && (me.sites === 'all' || me.sites.length > 1);

  const settled = me !== undefined && sites !== undefined;
  const chosen = site ?? (settled && me ? defaultSite(me, sites) : null);
  useEffect(() => {
    // Written into the address, so that a reload or a copied link opens the same site.
    if (settled && chosen && !new URLSearchParams(location.search).get('site')) writeSite(chosen);
  }, [settled, chosen]);

  const chooseSite = useCallback((code: string) => {
    writeSite(code);
    setSite(code);
  }, []);

  return { me: me ?? null, sites: sites ?? null, site: chosen, ready: settled, several, chooseSite };
}
