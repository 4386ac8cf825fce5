import { newWorkbook } from '../../core/export/workbook';
import {
  formatIndicatorValue,
  formatTarget,
  INDICATORS,
  RECTIFICATION_STATUS_LABELS,
  RectificationEvidenceView,
  RectificationItemView,
  RectificationListView,
} from '@hallwatch/shared';
import type { Worksheet } from 'exceljs';
import { spreadsheetRow } from '../../core/export/spreadsheet-cell';

// The ledger (整改台账) leaders hand on: one row per item, in Chinese, with everything a
// reader needs without opening Hallwatch. Built from the same view the page shows.

export const LEDGER_COLUMNS = [
  { header: '序号', key: 'number', width: 6 },
  { header: '问题类别', key: 'section', width: 28 },
  { header: '具体方面', key: 'subsection', width: 24 },
  { header: '问题描述', key: 'problem', width: 50 },
  { header: '整改措施', key: 'measures', width: 70 },
  { header: '整改状态', key: 'status', width: 10 },
  { header: '责任部门', key: 'department', width: 14 },
  { header: '整改时限', key: 'deadline', width: 12 },
  { header: '整改完成时间', key: 'rectifiedAt', width: 18 },
  { header: '关联指标及目标', key: 'links', width: 40 },
  { header: '当前值', key: 'values', width: 26 },
  { header: '回头看', key: 'rebound', width: 22 },
  { header: '佐证材料', key: 'evidence', width: 50 },
  { header: '原文行号', key: 'lines', width: 10 },
] as const;

const WINDOW_ZH = { day: '每日', now: '实时' } as const;

/** Evidence read from the report is told apart from what the office recorded: a reader weighs them differently. */
const sourceText = (e: RectificationEvidenceView): string => (e.source === 'report' ? `整改报告第${e.sourceLine ?? '?'}行` : '登记');

const hallTime = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

function row(item: RectificationItemView, timeZone: string): Record<(typeof LEDGER_COLUMNS)[number]['key'], string | number> {
  const label = (id: keyof typeof INDICATORS) => INDICATORS[id]?.label.zh ?? id;
  const scope = (d: string | null) => (d ? `[${d}] ` : '');
  return {
    number: item.number,
    section: item.sectionNumeral ? `(${item.sectionNumeral})${item.sectionTitle ?? ''}` : '',
    subsection: item.subsectionOrdinal !== null ? `${item.subsectionOrdinal}.${item.subsectionTitle ?? ''}` : '',
    problem: item.problem || `（原文缺少第${item.number}项标题，系根据编号推断）`,
    measures: [...item.measures.map((m) => `${m.marker}${m.marker ? '，' : ''}${m.text}`), ...item.remarks].join('\n'),
    status: RECTIFICATION_STATUS_LABELS[item.status].zh,
    department: item.responsibleDepartment ?? '',
    deadline: item.deadline ?? '',
    rectifiedAt: item.rectifiedAt ? hallTime(item.rectifiedAt, timeZone) : '',
    links: item.links
      .map(
        (l) => `${scope(l.department)}${label(l.indicator)} ${formatTarget(l.indicator, l.comparator, l.target)}（${WINDOW_ZH[l.window]}）`,
      )
      .join('\n'),
    values: item.links
      .map((l) => {
        const verdict = l.onTarget === null ? '' : l.onTarget ? ' 达标' : ' 未达标';
        return `${scope(l.department)}${label(l.indicator)} ${formatIndicatorValue(l.indicator, l.value)}${verdict}`;
      })
      .join('\n'),
    rebound: item.rebound
      ? `反弹，自 ${hallTime(item.rebound.since, timeZone)}`
      : item.status === 'rectified' && item.links.length
        ? '未反弹'
        : '',
    evidence: item.evidence
      .map(
        (e) =>
          `${e.date} ${e.text}${e.attachment ? `（附件：${e.attachment.name}）` : ''}${e.source === 'report' ? `（${sourceText(e)}）` : ''}`,
      )
      .join('\n'),
    lines: item.endLine > item.sourceLine ? `${item.sourceLine}–${item.endLine}` : String(item.sourceLine),
  };
}

function styleHeader(sheet: Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F2' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function buildLedger(list: RectificationListView, timeZone: string): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.created = new Date(list.asOf);
  const sheet = wb.addWorksheet('整改台账');
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ ...c }));
  for (const section of list.sections)
    for (const item of section.items) {
      const r = sheet.addRow(spreadsheetRow(row(item, timeZone)));
      r.alignment = { vertical: 'top', wrapText: true };
      if (item.rebound) r.getCell('rebound').font = { color: { argb: 'FFC00000' }, bold: true };
    }
  styleHeader(sheet);

  const evidence = wb.addWorksheet('佐证材料');
  evidence.columns = [
    { header: '序号', key: 'number', width: 6 },
    { header: '日期', key: 'date', width: 12 },
    { header: '内容', key: 'text', width: 70 },
    { header: '附件', key: 'attachment', width: 30 },
    { header: '来源', key: 'source', width: 16 },
    { header: '登记人', key: 'by', width: 14 },
  ];
  for (const section of list.sections)
    for (const item of section.items)
      for (const e of item.evidence)
        evidence.addRow(
          spreadsheetRow({
            number: item.number,
            date: e.date,
            text: e.text,
            attachment: e.attachment?.name ?? '',
            source: sourceText(e),
            by: e.createdBy,
          }),
        );
  styleHeader(evidence);

  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 90 },
  ];
  const report = list.report;
  const aboutRows = [
    { k: '站点', v: list.site },
    { k: '导出时间', v: hallTime(list.asOf, timeZone) },
    { k: '报告文件', v: report?.sourceName ?? '' },
    { k: '报告所述问题数', v: report?.statedCount ?? '' },
    { k: '事项数', v: list.counts.total },
    { k: '已整改 / 整改中 / 长期坚持', v: `${list.counts.rectified} / ${list.counts.in_progress} / ${list.counts.ongoing}` },
    { k: '反弹事项', v: list.counts.rebounding },
  ];
  about.addRows(aboutRows.map((r) => spreadsheetRow(r)));
  styleHeader(about);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
