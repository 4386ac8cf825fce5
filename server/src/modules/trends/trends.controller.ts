import {
  TRENDS_READER_ROLES,
  type BreakdownView,
  type ExportTable,
  type HeatmapView,
  type RankingView,
  type SiteComparisonView,
  type TrendGrain,
  type TrendMatrixView,
  type TrendSeriesView,
  type WaitSatisfactionView,
} from '@hallwatch/shared';
import { Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { EverySiteWhen, Roles } from '../../core/auth/auth-rules';
import { RequestSite } from '../../core/auth/request-site';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { TrendsQuery } from './trends-query.dto';
import { FOLLOW_UP_LEDGER, type FollowUpLedger } from './follow-up-ledger';
import { breakdownSheet, casesSheet, heatmapSheet, rankingSheet, seriesSheet, sitesSheet, waitingSheet } from './trends-export';
import { workbookBytes } from '../../core/export/workbook';
import { ScopeInput, TrendsService } from './trends.service';
import { addDays, daysBetween, localDay } from '../../core/time/zoned-time';
import { attachment, XLSX } from '../../core/export/download';
import { ApiFile, ApiJson, SPREADSHEET } from '../../core/openapi/shared-schema';

/** How far back a range reaches when the request gives no `from`. */
const DEFAULT_SPAN: Record<TrendGrain, number> = { day: 29, week: 7 * 12 - 1, month: 364 };
const MAX_RANGE_DAYS = 3 * 366;
const LEDGER_LIMIT = 100_000;

const siteCodes = (sites: string | undefined): string[] =>
  (sites ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

// The leaders' trends (read-only). Every figure comes from the rollups; see trends.service.
// scope=all gives the figures of every site, for accounts of every site only.
@AdminController('trends')
@EverySiteWhen((req) => (req.query.scope === 'all' ? 'scope' : null))
export class TrendsController {
  constructor(
    private readonly trends: TrendsService,
    @Inject(FOLLOW_UP_LEDGER) private readonly followUps: FollowUpLedger,
    private readonly clock: Clock,
  ) {}

  @ApiJson('TrendSeriesView')
  @Get('series')
  @Roles(...TRENDS_READER_ROLES)
  async series(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<TrendSeriesView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.series(scope, q.grain ?? 'day', range.from, range.to, q.department ?? null);
  }

  /** Sites side by side (`sites=a,b`): each site's own figures per period, the sites at or below the request's site. */
  @ApiJson('SiteComparisonView')
  @Get('sites')
  @Roles(...TRENDS_READER_ROLES)
  async sites(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<SiteComparisonView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.sites(scope, siteCodes(q.sites), q.grain ?? 'day', range.from, range.to);
  }

  @ApiJson('BreakdownView')
  @Get('breakdown')
  @Roles(...TRENDS_READER_ROLES)
  async breakdown(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<BreakdownView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.breakdown(scope, q.dim ?? 'department', range.from, range.to);
  }

  /** Day × department (or another dimension) counts: the leaders' daily trend by department. */
  @ApiJson('TrendMatrixView')
  @Get('matrix')
  @Roles(...TRENDS_READER_ROLES)
  async matrix(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<TrendMatrixView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.matrix(scope, q.dim ?? 'department', range.from, range.to);
  }

  @ApiJson('HeatmapView')
  @Get('heatmap')
  @Roles(...TRENDS_READER_ROLES)
  async heatmap(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<HeatmapView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.heatmap(scope, range.from, range.to, q.department ?? null);
  }

  @ApiJson('WaitSatisfactionView')
  @Get('waiting')
  @Roles(...TRENDS_READER_ROLES)
  async waiting(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<WaitSatisfactionView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.waiting(scope, range.from, range.to);
  }

  @ApiJson('RankingView')
  @Get('ranking')
  @Roles(...TRENDS_READER_ROLES)
  async ranking(@RequestSite() site: string | undefined, @Query() q: TrendsQuery): Promise<RankingView> {
    const { scope, range } = await this.input(site, q);
    return this.trends.ranking(scope, q.unit ?? 'department', q.month ?? range.to.slice(0, 7));
  }

  /** Any table of the page as .xlsx: `table=` series, breakdown, heatmap, waiting, ranking or cases, with that table's query. */
  @ApiFile(SPREADSHEET, 'The table asked for (table=) as a workbook')
  @Get('export.xlsx')
  @Roles(...TRENDS_READER_ROLES)
  async export(
    @RequestSite() site: string | undefined,
    @Query() q: TrendsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const table = q.table ?? 'series';
    const { scope, range } = await this.input(site, q);
    const bytes = await this.workbook(table, q, scope, range);
    const name = `好差评-${table}-${scope.scope === 'all' ? 'all' : site}-${range.from}-${range.to}.xlsx`;
    res.setHeader('Content-Disposition', attachment(name, `trends-${table}.xlsx`));
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length });
  }

  private async workbook(table: ExportTable, q: TrendsQuery, scope: ScopeInput, range: { from: string; to: string }): Promise<Buffer> {
    switch (table) {
      case 'series': {
        const v = await this.trends.series(scope, q.grain ?? 'day', range.from, range.to, q.department ?? null);
        return workbookBytes((wb) => seriesSheet(wb, v));
      }
      case 'breakdown': {
        const v = await this.trends.breakdown(scope, q.dim ?? 'department', range.from, range.to);
        return workbookBytes((wb) => breakdownSheet(wb, v));
      }
      case 'heatmap': {
        const v = await this.trends.heatmap(scope, range.from, range.to, q.department ?? null);
        return workbookBytes((wb) => heatmapSheet(wb, v));
      }
      case 'waiting': {
        const v = await this.trends.waiting(scope, range.from, range.to);
        return workbookBytes((wb) => waitingSheet(wb, v));
      }
      case 'ranking': {
        const v = await this.trends.ranking(scope, q.unit ?? 'department', q.month ?? range.to.slice(0, 7));
        return workbookBytes((wb) => rankingSheet(wb, v));
      }
      case 'sites': {
        const v = await this.trends.sites(scope, siteCodes(q.sites), q.grain ?? 'day', range.from, range.to);
        return workbookBytes((wb) => sitesSheet(wb, v));
      }
      case 'cases': {
        const { site } = await this.trends.resolve(scope);
        if (!site) throw badField('site', 'the follow-up ledger is per site: give site=');
        // The ledger of the period: every case opened in it, open or closed.
        const v = await this.followUps.list(site, 'all', q.department ?? null, range, LEDGER_LIMIT);
        return workbookBytes((wb) => casesSheet(wb, v, site.timezone));
      }
    }
  }

  /** The site is the guard-checked one; a tree is that site's own, and scope=all passed the guard's every-site rule. */
  private async input(site: string | undefined, q: TrendsQuery): Promise<{ scope: ScopeInput; range: { from: string; to: string } }> {
    const scope: ScopeInput = { scope: q.scope ?? 'site', site };
    const tz = (await this.trends.resolve(scope)).view.timeZone;
    const to = q.to ?? localDay(this.clock.now(), tz);
    const from = q.from ?? addDays(to, -DEFAULT_SPAN[q.grain ?? 'day']);
    const span = daysBetween(from, to);
    if (span < 0) throw badField('to', 'to must not be before from');
    if (span > MAX_RANGE_DAYS) throw badField('from', `a range covers at most ${MAX_RANGE_DAYS} days`);
    return { scope, range: { from, to } };
  }
}
