import {
  addCounts,
  BreakdownDim,
  BreakdownView,
  HeatmapView,
  RankingUnit,
  MAX_COMPARED_SITES,
  RankingView,
  RateCounts,
  SiteComparisonView,
  SiteTier,
  TrendGrain,
  TrendMatrixView,
  TrendScope,
  TrendScopeView,
  TrendSeriesView,
  WAIT_BUCKETS,
  WaitSatisfactionView,
  zeroCounts,
} from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { badField } from '../../core/validation/input-validation';
import { Site } from '../registry/site.entity';
import { ALL_SITES_ID } from './entities/review-daily-rollup.entity';
import { rankUnits } from './ranking';
import { nameOf, unitNames } from './trend-names';
import {
  periodEnd,
  periods,
  periodStart,
  previousPeriod,
  previousRange,
  readBreakdown,
  readHeatmap,
  readMatrix,
  readSeries,
  readSiteSeries,
  RollupScope,
} from './trends-query';
import { addDays } from '../../core/time/zoned-time';

export interface ScopeInput {
  scope: TrendScope;
  site?: string;
}

export interface ResolvedScope {
  rollup: RollupScope;
  view: TrendScopeView;
  site: Site | null;
}

const MAX_PERIODS = 400;

// The leaders' trends, read from the rollups only: whatever the range or scope, the raw
// tables are never scanned here.
@Injectable()
export class TrendsService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  async resolve(input: ScopeInput): Promise<ResolvedScope> {
    if (input.scope === 'all')
      return {
        rollup: { level: 'all', siteId: ALL_SITES_ID },
        view: { scope: 'all', site: null, siteName: null, timeZone: this.config.HALL_TIMEZONE },
        site: null,
      };
    if (!input.site) throw badField('site', `site is required unless scope=all`);
    const site = await this.ds.getRepository(Site).findOneBy({ code: input.site });
    if (!site) throw new NotFoundException(`No site with code "${input.site}"`);
    // A site with nothing below it keeps no tree rows: its tree is itself.
    const leaf = input.scope === 'tree' && !(await this.ds.query(`SELECT 1 FROM sites WHERE parent_id = $1 LIMIT 1`, [site.id])).length;
    return {
      rollup: { level: leaf ? 'site' : input.scope, siteId: site.id },
      view: { scope: input.scope, site: site.code, siteName: site.name, timeZone: site.timezone },
      site,
    };
  }

  async series(input: ScopeInput, grain: TrendGrain, from: string, to: string, department: string | null): Promise<TrendSeriesView> {
    const s = await this.resolve(input);
    const list = periods(from, to, grain);
    if (list.length > MAX_PERIODS) throw badField('from', `at most ${MAX_PERIODS} periods per request; choose a coarser grain`);
    let prev = periodStart(from, grain);
    const previousList = list.map(() => (prev = previousPeriod(prev, grain))).reverse();
    const [dim, key] = department ? (['department', department] as const) : (['total', ''] as const);
    const first = previousList[0] ?? list[0];
    const last = periodEnd(list[list.length - 1], grain);
    const data = await readSeries(this.ds.manager, s.rollup, grain, first, last, dim, key);
    const pick = (p: string) => ({ period: p, ...(data.get(p) ?? zeroCounts()) });
    const points = list.map(pick);
    const previous = previousList.map(pick);
    const total = (xs: RateCounts[]) => xs.reduce((acc, x) => addCounts(acc, x), zeroCounts());
    return {
      ...s.view,
      grain,
      from: list[0],
      to: last,
      department,
      points,
      previous,
      totals: total(points),
      previousTotals: total(previous),
    };
  }

  /**
   * Sites side by side: each named site's own figures per period. The sites are the request
   * site's own or below it (the tree its account may read); any other code is refused by name.
   */
  async sites(input: ScopeInput, codes: string[], grain: TrendGrain, from: string, to: string): Promise<SiteComparisonView> {
    const s = await this.resolve({ ...input, scope: input.scope === 'all' ? 'all' : 'site' });
    const wanted = [...new Set(codes)];
    if (wanted.length === 0) throw badField('sites', 'name at least one site code (sites=a,b)');
    if (wanted.length > MAX_COMPARED_SITES) throw badField('sites', `at most ${MAX_COMPARED_SITES} sites at once`);
    const list = periods(from, to, grain);
    if (list.length > MAX_PERIODS) throw badField('from', `at most ${MAX_PERIODS} periods per request; choose a coarser grain`);
    const found: Array<{ id: string; code: string; name: string; nameEn: string | null; tier: SiteTier; parent: string | null }> =
      await this.ds.query(
        `WITH RECURSIVE tree AS (
           SELECT id FROM sites WHERE ($1::uuid IS NULL AND parent_id IS NULL) OR id = $1
           UNION ALL SELECT s.id FROM sites s JOIN tree t ON s.parent_id = t.id)
         SELECT s.id, s.code, s.name, s.name_en AS "nameEn", s.tier, p.code AS parent
         FROM sites s JOIN tree t ON t.id = s.id LEFT JOIN sites p ON p.id = s.parent_id WHERE s.code = ANY($2::text[])`,
        [s.site?.id ?? null, wanted],
      );
    const missing = wanted.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw badField('sites', `not a site at or below ${s.view.site ?? 'the top'}: ${missing.slice(0, 5).join(', ')}`);
    const last = periodEnd(list[list.length - 1], grain);
    const data = await readSiteSeries(
      this.ds.manager,
      found.map((f) => f.id),
      grain,
      list[0],
      last,
    );
    const total = (xs: RateCounts[]) => xs.reduce((acc, x) => addCounts(acc, x), zeroCounts());
    const sites = wanted.map((code) => {
      const f = found.find((x) => x.code === code)!;
      const byPeriod = data.get(f.id)!;
      const points = list.map((p) => ({ period: p, ...(byPeriod.get(p) ?? zeroCounts()) }));
      return { site: f.code, name: f.name, nameEn: f.nameEn, tier: f.tier, parent: f.parent, points, totals: total(points) };
    });
    return { ...s.view, grain, from: list[0], to: last, sites };
  }

  async breakdown(input: ScopeInput, dim: BreakdownDim, from: string, to: string): Promise<BreakdownView> {
    const s = await this.resolve(input);
    if ((dim === 'window' || dim === 'staff') && s.rollup.level !== 'site')
      throw badField('dim', `${dim} codes belong to one site: choose scope=site for a breakdown by ${dim}`);
    const prev = previousRange(from, to);
    const [now, before] = await Promise.all([
      readBreakdown(this.ds.manager, s.rollup, dim, from, to),
      readBreakdown(this.ds.manager, s.rollup, dim, prev.from, prev.to),
    ]);
    const names = await unitNames(this.ds.manager, s, dim, [...now.keys(), ...before.keys()]);
    const keys = [...new Set([...now.keys()])].sort(
      (a, b) => (now.get(b)?.reviews ?? 0) - (now.get(a)?.reviews ?? 0) || a.localeCompare(b),
    );
    return {
      ...s.view,
      dim,
      from,
      to,
      previousFrom: prev.from,
      previousTo: prev.to,
      rows: keys.map((k) => ({ key: k, ...nameOf(names, k), ...now.get(k)!, previous: before.get(k) ?? zeroCounts() })),
    };
  }

  async matrix(input: ScopeInput, dim: BreakdownDim, from: string, to: string): Promise<TrendMatrixView> {
    const s = await this.resolve(input);
    if ((dim === 'window' || dim === 'staff') && s.rollup.level !== 'site')
      throw badField('dim', `${dim} codes belong to one site: choose scope=site`);
    const rows = await readMatrix(this.ds.manager, s.rollup, dim, from, to);
    return { ...s.view, dim, from, to, rows: rows.map((r) => ({ day: r.day, key: r.key, ...r.counts })) };
  }

  async heatmap(input: ScopeInput, from: string, to: string, department: string | null): Promise<HeatmapView> {
    const s = await this.resolve(input);
    return { ...s.view, from, to, department, cells: await readHeatmap(this.ds.manager, s.rollup, from, to, department ?? '') };
  }

  async waiting(input: ScopeInput, from: string, to: string): Promise<WaitSatisfactionView> {
    const s = await this.resolve(input);
    const [buckets, total] = await Promise.all([
      readBreakdown(this.ds.manager, s.rollup, 'wait', from, to),
      readBreakdown(this.ds.manager, s.rollup, 'total', from, to),
    ]);
    const rows = WAIT_BUCKETS.map((b) => {
      const c = buckets.get(b.key) ?? zeroCounts();
      return { bucket: b.key, reviews: c.reviews, good: c.good, bad: c.bad, ratingSum: c.ratingSum };
    });
    const linked = rows.reduce((n, r) => n + r.reviews, 0);
    return { ...s.view, from, to, rows, unlinked: (total.get('')?.reviews ?? 0) - linked };
  }

  async ranking(input: ScopeInput, unit: RankingUnit, month: string): Promise<RankingView> {
    const s = await this.resolve(input);
    if (unit === 'window' && s.rollup.level !== 'site') throw badField('unit', 'windows belong to one site: choose scope=site');
    const from = `${month}-01`;
    const to = addDays(periodEnd(from, 'month'), 0);
    const data = await readBreakdown(this.ds.manager, s.rollup, unit, from, to);
    // Every unit of the registry takes part, so a department without a single review is ranked, not hidden.
    const names = await unitNames(this.ds.manager, s, unit, [...data.keys()], true);
    const rows = rankUnits([...names.keys()].map((key) => ({ key, ...nameOf(names, key), counts: data.get(key) ?? zeroCounts() })));
    return { ...s.view, unit, month, rows };
  }
}
