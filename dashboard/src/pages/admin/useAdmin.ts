import { useCallback, useEffect, useState } from 'react';
import type { SiteView } from '@hallwatch/shared';
import { ApiError, errorText } from '../../api';
import { goToSignIn } from '../../auth/session';
import { adminApi } from './api';

/**
 * The admin's sites (the shell has let only admins in); a session that ended (401) goes to
 * /login and back.
 */
export function useAdminAccess() {
  const [sites, setSites] = useState<SiteView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) goToSignIn();
    else setError(errorText(err));
  }, []);

  useEffect(() => {
    adminApi.sites().then(setSites, fail);
  }, [fail]);

  return { sites, error, setError, fail };
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
