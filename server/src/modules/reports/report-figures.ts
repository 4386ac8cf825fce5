import {
  type FollowUpCaseView,
  type PatrolDeductionView,
  type PatrolNoticeView,
  type RankingView,
  type RateCounts,
  type RectificationListView,
  ROUND_STATES,
  type RoundState,
  type TrendPoint,
} from '@hallwatch/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { localDay } from '../../core/time/zoned-time';
import { PatrolFindingsService } from '../patrol/patrol-findings.service';
import { PatrolNoticesService } from '../patrol/patrol-notices.service';
import { RectificationService } from '../rectification/rectification.service';
import { Site } from '../registry/site.entity';
import { FOLLOW_UP_LEDGER, type FollowUpLedger } from '../trends/follow-up-ledger';
import { periodEnd } from '../trends/trends-query';
import { TrendsService } from '../trends/trends.service';

/** Months before the report's month that its trend chart and same-month comparison reach back. */
const YEAR_BACK = 12;
const LEDGER_LIMIT = 100_000;

export interface MonthFigures {
  month: string;
  from: string;
  to: string;
  current: RateCounts;
  previous: RateCounts;
  lastYear: RateCounts;
  /** The thirteen months up to the report's, oldest first (the chart's line). */
  months: TrendPoint[];
  /** The report's month day by day. */
  days: TrendPoint[];
  ranking: RankingView;
  patrol: PatrolFigures;
  previousPatrol: PatrolFigures;
  deductions: PatrolDeductionView[];
  /** Complaints opened in the month, with their follow-up. */
  complaints: FollowUpCaseView[];
  rectification: RectificationListView;
}

export interface PatrolFigures {
  rounds: Record<RoundState, number>;
  /** Notices issued in the period (hall-local days), oldest deadline first. */
  notices: PatrolNoticeView[];
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + by;
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export const monthRange = (month: string): { from: string; to: string } => ({
  from: `${month}-01`,
  to: periodEnd(`${month}-01`, 'month'),
});

// What the office's documents say, read through the same services the screens read (trends
// rollups, patrol notices and findings, the follow-up ledger, the rectification ledger), so
// that a figure in a document equals the figure on the page for the same period.
@Injectable()
export class ReportFigures {
  constructor(
    private readonly ds: DataSource,
    private readonly trends: TrendsService,
    private readonly notices: PatrolNoticesService,
    private readonly findings: PatrolFindingsService,
    private readonly rectification: RectificationService,
    @Inject(FOLLOW_UP_LEDGER) private readonly followUps: FollowUpLedger,
  ) {}

  async month(site: Site, month: string, reportRef: string): Promise<MonthFigures> {
    const { from, to } = monthRange(month);
    const scope = { scope: 'site' as const, site: site.code };
    const previousMonth = monthRange(shiftMonth(month, -1));
    const [series, days, ranking, patrol, previousPatrol, deductions, ledger, rectification] = await Promise.all([
      this.trends.series(scope, 'month', `${shiftMonth(month, -YEAR_BACK)}-01`, to, null),
      this.trends.series(scope, 'day', from, to, null),
      this.trends.ranking(scope, 'department', month),
      this.patrol(site, from, to),
      this.patrol(site, previousMonth.from, previousMonth.to),
      this.findings.deductions(site.code, month),
      this.followUps.list(site, 'all', null, { from, to }, LEDGER_LIMIT),
      this.rectification.list({ site: site.code }, reportRef),
    ]);
    const months = series.points;
    return {
      month,
      from,
      to,
      current: months[months.length - 1],
      previous: months[months.length - 2],
      lastYear: months[0],
      months,
      days: days.points,
      ranking,
      patrol,
      previousPatrol,
      deductions,
      complaints: ledger.cases.filter((c) => c.kind === 'complaint'),
      rectification,
    };
  }

  /** The rates' counts of a span of days, as the trends page totals them. */
  async counts(site: Site, from: string, to: string): Promise<RateCounts> {
    return (await this.trends.series({ scope: 'site', site: site.code }, 'day', from, to, null)).totals;
  }

  async patrol(site: Site, from: string, to: string): Promise<PatrolFigures> {
    const rows = await queryRows<{ state: RoundState; n: string }>(
      this.ds,
      `SELECT state, count(*) AS n FROM patrol_rounds WHERE site_id = $1 AND day BETWEEN $2 AND $3 GROUP BY state`,
      [site.id, from, to],
    );
    const rounds = Object.fromEntries(ROUND_STATES.map((s) => [s, 0])) as Record<RoundState, number>;
    for (const r of rows) rounds[r.state] = Number(r.n);
    const all = await this.notices.list(site.code, 'all');
    const notices = all.filter((n) => {
      const day = localDay(new Date(n.issuedAt), site.timezone);
      return day >= from && day <= to;
    });
    return { rounds, notices };
  }

  rectificationList(site: Site, ref: string): Promise<RectificationListView> {
    return this.rectification.list({ site: site.code }, ref);
  }
}
