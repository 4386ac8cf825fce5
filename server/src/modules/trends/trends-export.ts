import {
  activeRate,
  averageRating,
  averageWaitSec,
  BreakdownView,
  callbackRate,
  complaintOnTimeRate,
  followUpStatusLabel,
  FollowUpListView,
  goodRate,
  hallMinuteText,
  HeatmapView,
  RankingView,
  RateCounts,
  rectifyRate,
  SiteComparisonView,
  TrendSeriesView,
  WaitSatisfactionView,
} from '@hallwatch/shared';
import type { Workbook } from 'exceljs';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';

// Every table of the trends page as an Excel sheet with Chinese headers, for the ledger
// (台账). Rates are written as numbers with a percent format, so Excel can sum and chart them.

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
  format?: 'percent' | 'decimal';
}

const rate = (header: string, f: (c: RateCounts) => number | null): Column<RateCounts> => ({
  header,
  width: 12,
  value: f,
  format: 'percent',
});
const count = (header: string, k: keyof RateCounts): Column<RateCounts> => ({ header, width: 10, value: (c) => c[k] });

const RATE_COLUMNS: Column<RateCounts>[] = [
  count('评价数', 'reviews'),
  count('办件数', 'completed'),
  rate('主动评价率', activeRate),
  count('好评数', 'good'),
  rate('好评率', goodRate),
  count('差评数', 'bad'),
  count('差评应整改', 'badDue'),
  count('按期整改', 'badClosedOnTime'),
  rate('差评整改率', rectifyRate),
  count('实名差评', 'realNameBad'),
  rate('实名差评回访率', callbackRate),
  count('投诉数', 'complaints'),
  rate('投诉按期办结率', complaintOnTimeRate),
  { header: '平均评分', width: 10, value: averageRating, format: 'decimal' },
  { header: '平均等候（分钟）', width: 14, value: (c) => (averageWaitSec(c) === null ? null : averageWaitSec(c)! / 60), format: 'decimal' },
];

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function addSheet<T>(wb: Workbook, title: string, caption: string, columns: Column<T>[], rows: T[]): void {
  const ws = wb.addWorksheet(title);
  ws.addRow([spreadsheetCell(caption)]).font = { bold: true };
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format === 'percent') col.numFmt = '0.00%';
    if (c.format === 'decimal') col.numFmt = '0.00';
  });
  for (const r of rows) ws.addRow(columns.map((c) => spreadsheetCell(c.value(r))));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

const scopeCaption = (v: { siteName: string | null; scope: string }) =>
  v.scope === 'all' ? '全部站点' : `${v.siteName ?? ''}${v.scope === 'tree' ? '（含下属站点）' : ''}`;

const GRAIN_NAMES = { day: '日', week: '周', month: '月' } as const;

export function seriesSheet(wb: Workbook, v: TrendSeriesView): void {
  const cols: Column<TrendSeriesView['points'][number]>[] = [{ header: '期间起始', width: 12, value: (p) => p.period }, ...RATE_COLUMNS];
  addSheet(wb, '趋势', `${scopeCaption(v)} 按${GRAIN_NAMES[v.grain]}趋势 ${v.from} 至 ${v.to}`, cols, v.points);
}

/** One row per site and period, the site named on each, so that Excel filters and pivots it. */
export function sitesSheet(wb: Workbook, v: SiteComparisonView): void {
  type Row = SiteComparisonView['sites'][number]['points'][number] & { siteName: string; site: string };
  const cols: Column<Row>[] = [
    { header: '站点', width: 30, value: (r) => r.siteName },
    { header: '编码', width: 14, value: (r) => r.site },
    { header: '期间起始', width: 12, value: (r) => r.period },
    ...RATE_COLUMNS,
  ];
  const rows = v.sites.flatMap((s) => s.points.map((p) => ({ ...p, siteName: s.name, site: s.site })));
  addSheet(wb, '站点对比', `站点对比 按${GRAIN_NAMES[v.grain]} ${v.from} 至 ${v.to}`, cols, rows);
}

const DIM_NAMES = { department: '部门', window: '窗口', staff: '工作人员', channel: '评价渠道', site: '站点' } as const;

export function breakdownSheet(wb: Workbook, v: BreakdownView): void {
  const cols: Column<BreakdownView['rows'][number]>[] = [
    { header: DIM_NAMES[v.dim], width: 24, value: (r) => r.name },
    { header: '编码', width: 12, value: (r) => r.key },
    ...RATE_COLUMNS,
    { header: '上期好评率', width: 12, value: (r) => goodRate(r.previous), format: 'percent' },
    { header: '上期差评数', width: 10, value: (r) => r.previous.bad },
  ];
  addSheet(
    wb,
    `按${DIM_NAMES[v.dim]}`,
    `${scopeCaption(v)} ${v.from} 至 ${v.to}（上期 ${v.previousFrom} 至 ${v.previousTo}）`,
    cols,
    v.rows,
  );
}

export function heatmapSheet(wb: Workbook, v: HeatmapView): void {
  const cols: Column<HeatmapView['cells'][number]>[] = [
    { header: '星期', width: 8, value: (c) => WEEKDAYS[c.weekday] },
    { header: '时段', width: 12, value: (c) => `${String(c.hour).padStart(2, '0')}:00–${String(c.hour + 1).padStart(2, '0')}:00` },
    { header: '平均等候（分钟）', width: 14, value: (c) => (c.waitCount ? c.waitSumSec / c.waitCount / 60 : null), format: 'decimal' },
    { header: '叫号数', width: 10, value: (c) => c.waitCount },
    { header: '评价数', width: 10, value: (c) => c.reviews },
    { header: '差评数', width: 10, value: (c) => c.bad },
  ];
  addSheet(wb, '时段热力', `${scopeCaption(v)} ${v.from} 至 ${v.to} 星期×时段`, cols, v.cells);
}

export function waitingSheet(wb: Workbook, v: WaitSatisfactionView): void {
  const cols: Column<WaitSatisfactionView['rows'][number]>[] = [
    { header: '等候时长（分钟）', width: 16, value: (r) => r.bucket },
    { header: '评价数', width: 10, value: (r) => r.reviews },
    { header: '好评率', width: 12, value: (r) => (r.reviews ? r.good / r.reviews : null), format: 'percent' },
    { header: '差评数', width: 10, value: (r) => r.bad },
    { header: '平均评分', width: 10, value: (r) => (r.reviews ? r.ratingSum / r.reviews : null), format: 'decimal' },
  ];
  addSheet(wb, '满意度与等候', `${scopeCaption(v)} ${v.from} 至 ${v.to}（无取号记录的评价 ${v.unlinked} 条不计）`, cols, v.rows);
}

export function rankingSheet(wb: Workbook, v: RankingView): void {
  const cols: Column<RankingView['rows'][number]>[] = [
    { header: '名次', width: 6, value: (r) => r.place },
    { header: v.unit === 'department' ? '部门' : '窗口', width: 26, value: (r) => r.name },
    { header: '好评率', width: 12, value: (r) => r.goodRate, format: 'percent' },
    { header: '差评数', width: 10, value: (r) => r.bad },
    { header: '主动评价率', width: 12, value: (r) => r.activeRate, format: 'percent' },
    { header: '评价数', width: 10, value: (r) => r.reviews },
    { header: '排名依据', width: 48, value: (r) => r.reason.zh },
  ];
  addSheet(wb, v.unit === 'department' ? '部门排名' : '窗口排名', `${scopeCaption(v)} ${v.month} 月度排名`, cols, v.rows);
}

export function casesSheet(wb: Workbook, v: FollowUpListView, timeZone: string): void {
  const t = (iso: string | null) => hallMinuteText(iso, timeZone);
  const cols: Column<FollowUpListView['cases'][number]>[] = [
    { header: '类型', width: 8, value: (c) => (c.kind === 'review' ? '差评' : '投诉') },
    { header: '部门', width: 14, value: (c) => c.department },
    { header: '窗口', width: 8, value: (c) => c.window },
    { header: '评分', width: 6, value: (c) => c.rating },
    { header: '实名', width: 6, value: (c) => (c.realName ? '是' : '否') },
    { header: '内容', width: 30, value: (c) => c.summary },
    { header: '联系电话', width: 14, value: (c) => c.phoneMasked },
    { header: '受理时间', width: 18, value: (c) => t(c.openedAt) },
    { header: '首次联系时限', width: 18, value: (c) => t(c.contactDueAt) },
    { header: '整改时限', width: 18, value: (c) => t(c.resolveDueAt) },
    { header: '状态', width: 16, value: (c) => followUpStatusLabel(c).zh },
    { header: '逾期', width: 6, value: (c) => (c.contactOverdueAt || c.resolveOverdueAt ? '是' : '否') },
  ];
  addSheet(wb, '回访台账', `${v.site} 差评与投诉回访（截至 ${t(v.asOf)}）`, cols, v.cases);
}
