import type { RectificationListView } from '@hallwatch/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { goToSignIn } from '../../auth/session';
import { ApiError, errorText } from '../../api';
import { rectificationApi } from './api';

// Live values move with the hall; the list is re-read every half minute while the page is open.
const REFRESH_MS = 30_000;

export function useRectification(site: string | null) {
  const api = useMemo(() => rectificationApi(site), [site]);
  const [list, setList] = useState<RectificationListView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => {
    // Not signed in, or the session ended: sign in and come back to this page.
    if (err instanceof ApiError && err.status === 401) return goToSignIn();
    setError(errorText(err));
  }, []);

  const reload = useCallback(async () => {
    try {
      setList(await api.list());
    } catch (err) {
      fail(err);
    }
  }, [api, fail]);

  useEffect(() => {
    let alive = true;
    const load = () =>
      api.list().then(
        (l) => alive && setList(l),
        (err: unknown) => alive && fail(err),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api, fail]);

  /** Runs a change and re-reads the list; a refused change shows its field and message. */
  const act = useCallback(
    async (change: () => Promise<unknown>) => {
      setError(null);
      try {
        await change();
        await reload();
      } catch (err) {
        fail(err);
      }
    },
    [reload, fail],
  );

  /** Runs a change and re-reads the list; a refusal is left to the caller, to show beside its field. */
  const submit = useCallback(
    async (change: () => Promise<unknown>) => {
      setError(null);
      await change();
      await reload();
    },
    [reload],
  );

  return { api, list, error, setError, act, submit, fail, reload };
}
