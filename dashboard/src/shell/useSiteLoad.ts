import { useCallback, useEffect, useState } from 'react';
import { goToSignIn } from '../auth/session';
import { ApiError, errorText } from '../api';

/** What a page has read for its site: the answer (kept while it is read again), and why the last read failed. */
export interface SiteLoad<T> {
  value: T | undefined;
  failed: string | null;
  /** Reads again, e.g. after an act, so that the page shows what the server stored. */
  reload: () => void;
}

/**
 * Reads one thing for the chosen site and again whenever the site, `load` or a reload asks.
 * An answer for another site is never shown; a signed-out session goes to sign-in; a failed read
 * keeps the last answer, so a part that fails says so on its own and the rest stand.
 * `load` must be stable (a module function or a useCallback), or it reads on every render.
 */
export function useSiteLoad<T>(site: string | null, load: (site: string) => Promise<T>): SiteLoad<T> {
  const [state, setState] = useState<{ site: string; value: T | undefined; failed: string | null } | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!site) return;
    let live = true;
    load(site).then(
      (value) => live && setState({ site, value, failed: null }),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) return goToSignIn();
        if (live) setState((s) => ({ site, value: s?.site === site ? s.value : undefined, failed: errorText(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [site, load, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const current = state && state.site === site ? state : null;
  return { value: current?.value, failed: current?.failed ?? null, reload };
}
