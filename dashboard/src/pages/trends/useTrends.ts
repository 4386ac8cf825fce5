import type {
  BreakdownDim,
  BreakdownView,
  DepartmentView,
  HeatmapView,
  RankingView,
  SiteView,
  TrendSeriesView,
  WaitSatisfactionView,
} from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { goToSignIn } from '../../auth/session';
import { ApiError, errorText } from '../../api';
import { trendsApi, TrendsQuery } from './api';

export interface TrendsData {
  series: TrendSeriesView | null;
  breakdown: BreakdownView | null;
  heatmap: HeatmapView | null;
  waiting: WaitSatisfactionView | null;
  departments: RankingView | null;
  windows: RankingView | null;
}

const EMPTY: TrendsData = { series: null, breakdown: null, heatmap: null, waiting: null, departments: null, windows: null };

/** The sites the account may see; not signed in (401), the page goes to /login and comes back. */
export function useTrendsAccess() {
  const [sites, setSites] = useState<SiteView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) goToSignIn();
    else setError(errorText(err));
  }, []);

  useEffect(() => {
    trendsApi.sites().then(setSites, fail);
  }, [fail]);

  return { sites, error, setError, fail };
}

export function useDepartments(site: string | null, fail: (err: unknown) => void): DepartmentView[] {
  const [list, setList] = useState<DepartmentView[]>([]);
  useEffect(() => {
    if (!site) return;
    trendsApi.departments(site).then(setList, fail);
  }, [site, fail]);
  return list;
}

/** Everything the page shows for one query; `dim` and `month` reload only their own parts. */
export function useTrendsData(q: TrendsQuery | null, dim: BreakdownDim, month: string, fail: (err: unknown) => void) {
  const [data, setData] = useState<TrendsData>(EMPTY);
  // Which query the shown figures answer; the page is loading while it differs from the asked one.
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const key = q ? JSON.stringify(q) : null;

  useEffect(() => {
    if (!q) return;
    let live = true;
    Promise.all([trendsApi.series(q), trendsApi.heatmap(q), trendsApi.waiting(q)]).then(([series, heatmap, waiting]) => {
      if (!live) return;
      setData((d) => ({ ...d, series, heatmap, waiting }));
      setLoadedKey(key);
    }, fail);
    return () => {
      live = false;
    };
    // The query object is rebuilt on every render; its serialised form is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fail]);

  useEffect(() => {
    if (!q) return;
    let live = true;
    const canWindows = q.scope === 'site';
    const breakdownQ = (dim === 'window' || dim === 'staff') && !canWindows ? null : trendsApi.breakdown(q, dim);
    Promise.all([breakdownQ, trendsApi.ranking(q, 'department', month), canWindows ? trendsApi.ranking(q, 'window', month) : null]).then(
      ([breakdown, departments, windows]) => live && setData((d) => ({ ...d, breakdown, departments, windows })),
      fail,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, dim, month, fail]);

  return { data, loading: key !== null && loadedKey !== key };
}
