import type {
  BreakdownDim,
  BreakdownView,
  DepartmentView,
  ExportTable,
  HeatmapView,
  RankingUnit,
  RankingView,
  SiteComparisonView,
  SiteView,
  TrendGrain,
  TrendScope,
  TrendSeriesView,
  WaitSatisfactionView,
} from '@hallwatch/shared';

import { download, get, Query } from '../../api';

// The trends API, under the signed-in person's session cookie (a 401 sends them to /login).

export interface TrendsQuery {
  site: string | null;
  scope: TrendScope;
  grain: TrendGrain;
  from: string;
  to: string;
  department: string | null;
}

function query(q: TrendsQuery, extra: Query = {}): Query {
  return { scope: q.scope, grain: q.grain, from: q.from, to: q.to, site: q.scope === 'all' ? null : q.site, ...extra };
}

const TRENDS = '/api/v1/admin/trends';

export const trendsApi = {
  sites: () => get<SiteView[]>('/api/v1/admin/sites'),
  departments: (site: string) => get<DepartmentView[]>(`/api/v1/admin/sites/${encodeURIComponent(site)}/departments`),
  series: (q: TrendsQuery) => get<TrendSeriesView>(`${TRENDS}/series`, query(q, { department: q.department })),
  breakdown: (q: TrendsQuery, dim: BreakdownDim) => get<BreakdownView>(`${TRENDS}/breakdown`, query(q, { dim })),
  heatmap: (q: TrendsQuery) => get<HeatmapView>(`${TRENDS}/heatmap`, query(q, { department: q.department })),
  waiting: (q: TrendsQuery) => get<WaitSatisfactionView>(`${TRENDS}/waiting`, query(q)),
  /** Each site's own figures side by side; `sites` is a comma-separated list at or below `q.site`. */
  siteSeries: (q: TrendsQuery, sites: string) =>
    get<SiteComparisonView>(`${TRENDS}/sites`, { grain: q.grain, from: q.from, to: q.to, site: q.site, sites }),
  ranking: (q: TrendsQuery, unit: RankingUnit, month: string) => get<RankingView>(`${TRENDS}/ranking`, query(q, { unit, month })),

  /** Saves a table as .xlsx under the name the server gives it. */
  export: (q: TrendsQuery, table: ExportTable, extra: Query = {}) =>
    download(`${TRENDS}/export.xlsx`, query(q, { table, department: q.department, ...extra }), `trends-${table}.xlsx`),
};
