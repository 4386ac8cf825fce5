import type {
  BreakdownDim,
  BreakdownView,
  ExportTable,
  HeatmapView,
  RankingUnit,
  RankingView,
  TrendGrain,
  TrendScope,
  TrendSeriesView,
  WaitSatisfactionView,
} from '@hallwatch/shared';

// The trends API, under the signed-in person's session cookie (a 401 sends them to /login).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TrendsQuery {
  site: string | null;
  scope: TrendScope;
  grain: TrendGrain;
  from: string;
  to: string;
  department: string | null;
}

export interface SiteOption {
  code: string;
  name: string;
  nameEn: string | null;
  tier: 'hall' | 'town' | 'village';
  parent: string | null;
}

export interface DepartmentOption {
  code: string;
  name: string;
  nameEn: string | null;
}

async function get(path: string): Promise<Response> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, body.message ?? res.statusText);
  }
  return res;
}

const json = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;

function qs(q: TrendsQuery, extra: Record<string, string | null | undefined> = {}): string {
  const p = new URLSearchParams({ scope: q.scope, grain: q.grain, from: q.from, to: q.to });
  if (q.site && q.scope !== 'all') p.set('site', q.site);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return p.toString();
}

export const trendsApi = {
  sites: () => json<SiteOption[]>('/api/v1/admin/sites'),
  departments: (site: string) => json<DepartmentOption[]>(`/api/v1/admin/sites/${encodeURIComponent(site)}/departments`),
  series: (q: TrendsQuery) => json<TrendSeriesView>(`/api/v1/admin/trends/series?${qs(q, { department: q.department })}`),
  breakdown: (q: TrendsQuery, dim: BreakdownDim) => json<BreakdownView>(`/api/v1/admin/trends/breakdown?${qs(q, { dim })}`),
  heatmap: (q: TrendsQuery) => json<HeatmapView>(`/api/v1/admin/trends/heatmap?${qs(q, { department: q.department })}`),
  waiting: (q: TrendsQuery) => json<WaitSatisfactionView>(`/api/v1/admin/trends/waiting?${qs(q)}`),
  ranking: (q: TrendsQuery, unit: RankingUnit, month: string) =>
    json<RankingView>(`/api/v1/admin/trends/ranking?${qs(q, { unit, month })}`),

  /** Saves a table as .xlsx under the name the server gives it. */
  async export(q: TrendsQuery, table: ExportTable, extra: Record<string, string | null> = {}): Promise<void> {
    const res = await get(`/api/v1/admin/trends/export.xlsx?${qs(q, { table, department: q.department, ...extra })}`);
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = utf8 ? decodeURIComponent(utf8) : `trends-${table}.xlsx`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
};
