import { ABSENCE_KIND_LABELS, ABSENCE_STATE_LABELS, type AbsenceFigureRow, hallMinuteText } from '@hallwatch/shared';
import type { Workbook, Worksheet } from 'exceljs';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';
import type { DepartureVerdict, MonthFigures } from './absence-figures';
import { coverUntil } from './absence-views';

// The month's register as an Excel workbook for the ledger (台账): the figures per department,
// every entry of the month, and every absence that no approved entry covered. Counts are
// numbers and times are the hall's wall clock, so the sheets sort and sum as they are.

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

function sheet<T>(wb: Workbook, title: string, caption: string, columns: Column<T>[], rows: T[]): Worksheet {
  const ws = wb.addWorksheet(title);
  ws.addRow([spreadsheetCell(caption)]).font = { bold: true };
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  for (const r of rows) ws.addRow(columns.map((c) => spreadsheetCell(c.value(r))));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return ws;
}

export const FIGURE_COLUMNS: Column<AbsenceFigureRow>[] = [
  { header: '部门', width: 22, value: (r) => r.name.zh },
  { header: '编码', width: 10, value: (r) => (r.total ? '' : r.department) },
  { header: '因公外出', width: 10, value: (r) => r.officialBusiness },
  { header: '外出开会', width: 10, value: (r) => r.meetings },
  { header: '外出合计', width: 10, value: (r) => r.outings },
  { header: '请假人次', width: 10, value: (r) => r.leaves },
  { header: '请假天数', width: 10, value: (r) => r.leaveDays },
  { header: '补报', width: 8, value: (r) => r.lateFilings },
  { header: '待审批', width: 8, value: (r) => r.pending },
  { header: '未报备离岗合计', width: 14, value: (r) => r.unregistered },
  { header: '未报备外出', width: 11, value: (r) => r.outingsUnregistered },
  { header: '擅自离岗', width: 10, value: (r) => r.walkOffs },
  { header: '超时未归', width: 10, value: (r) => r.overruns },
];

const VERDICT_NAMES: Record<Exclude<DepartureVerdict, 'registered' | 'in_order'>, string> = {
  outing_unregistered: '未报备外出',
  walked_off: '擅自离岗',
  overrun: '超时未归',
};

const REASON_NAMES: Record<string, string> = { break: '休息', official_business: '因公外出', meeting: '会议', unregistered: '未登记' };

export function figuresWorkbook(wb: Workbook, m: MonthFigures): void {
  const v = m.view;
  const tz = v.timeZone;
  const asOf = hallMinuteText(v.asOf, tz);
  sheet(wb, '部门汇总', `${v.siteName} ${v.month} 外出报备与请销假统计（截至 ${asOf}）`, FIGURE_COLUMNS, [
    ...v.departments,
    v.total,
  ]).getRow(v.departments.length + 3).font = { bold: true };
  const dept = (code: string | null) => (code ? (m.departmentNames.get(code)?.zh ?? code) : '');
  sheet(
    wb,
    '登记明细',
    `${v.siteName} ${v.month} 外出报备与请假登记（含待审批、未批准、已撤销）`,
    [
      { header: '人员', width: 10, value: (e) => m.staffNames.get(e.staff) ?? '' },
      { header: '工号', width: 10, value: (e) => e.staff },
      { header: '部门', width: 18, value: (e) => dept(e.department) },
      { header: '类别', width: 10, value: (e) => ABSENCE_KIND_LABELS[e.kind].zh },
      { header: '开始', width: 17, value: (e) => hallMinuteText(e.startsAt, tz) },
      { header: '结束', width: 17, value: (e) => hallMinuteText(e.endsAt, tz) },
      { header: '销假', width: 17, value: (e) => (e.returnedAt ? hallMinuteText(coverUntil(e), tz) : '') },
      { header: '事由', width: 30, value: (e) => e.reason },
      { header: '状态', width: 8, value: (e) => ABSENCE_STATE_LABELS[e.state].zh },
      { header: '申请人', width: 12, value: (e) => e.filedBy },
      { header: '申请时间', width: 17, value: (e) => hallMinuteText(e.filedAt, tz) },
      { header: '补报', width: 6, value: (e) => (e.filedAt > e.startsAt ? '是' : '否') },
      { header: '审批人', width: 12, value: (e) => e.decidedBy ?? e.cancelledBy ?? '' },
      { header: '审批时间', width: 17, value: (e) => hallMinuteText(e.decidedAt ?? e.cancelledAt, tz) },
      { header: '意见', width: 24, value: (e) => e.decisionNote ?? e.cancelNote ?? '' },
    ],
    m.entries,
  );
  sheet(
    wb,
    '未报备离岗明细',
    `${v.siteName} ${v.month} 未经报备的离岗（允许休息 ${Math.round(v.allowedBreakSec / 60)} 分钟）`,
    [
      { header: '离岗时间', width: 17, value: (d) => hallMinuteText(d.leftAt, tz) },
      { header: '人员', width: 10, value: (d) => m.staffNames.get(d.staff) ?? '' },
      { header: '工号', width: 10, value: (d) => d.staff },
      { header: '部门', width: 18, value: (d) => dept(d.department) },
      { header: '窗口', width: 8, value: (d) => d.window },
      { header: '申报原因', width: 10, value: (d) => (d.reason ? (REASON_NAMES[d.reason] ?? d.reason) : '') },
      { header: '离岗分钟', width: 10, value: (d) => Math.floor((d.until.getTime() - d.leftAt.getTime()) / 60_000) },
      { header: '认定', width: 12, value: (d) => VERDICT_NAMES[d.verdict as keyof typeof VERDICT_NAMES] },
    ],
    m.unregistered,
  );
}
