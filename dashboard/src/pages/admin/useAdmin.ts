import { useCallback, useEffect, useState } from 'react';
import type { Me, SiteView } from '@hallwatch/shared';
import { ApiError, errorText } from '../../api';
import { goToSignIn, whoAmI } from '../../auth/session';
import { adminApi } from './api';

export type Access = { state: 'loading' } | { state: 'denied'; me: Me } | { state: 'admin'; me: Me; sites: SiteView[] };

/** Who is signed in and, for an admin, their sites; nobody signed in (401) goes to /login and back. */
export function useAdminAccess() {
  const [access, setAccess] = useState<Access>({ state: 'loading' });
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) goToSignIn();
    else setError(errorText(err));
  }, []);

  useEffect(() => {
    void (async () => {
      const me = await whoAmI();
      if (!me) return goToSignIn();
      if (me.role !== 'admin') return setAccess({ state: 'denied', me });
      setAccess({ state: 'admin', me, sites: await adminApi.sites() });
    })().catch(fail);
  }, [fail]);

  return { access, error, setError, fail };
}

/** A list loaded for the chosen site, reloaded by `reload()` after a change. */
export function useSiteList<T>(site: string, load: (site: string) => Promise<T[]>, fail: (err: unknown) => void) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load(site).then((r) => live && setRows(r), fail);
    return () => {
      live = false;
    };
  }, [site, load, fail, n]);
  return { rows, reload: useCallback(() => setN((x) => x + 1), []) };
}
