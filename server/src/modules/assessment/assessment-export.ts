import { ASSESSMENT_CRITERIA, ASSESSMENT_CRITERION_LABELS, assessmentReasonText, type AssessmentView } from '@hallwatch/shared';
import type { Workbook } from 'exceljs';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';

/** The evidence as the page shows it: "num / den", or what "nothing to judge" scored. */
export function evidenceCell(p: AssessmentView['rows'][number]['parts'][number]): string {
  if (p.noData === 'full') return '无到期事项（满分）';
  if (p.noData === 'zero') return '无数据（0分）';
  return `${p.evidence.num} / ${p.evidence.den}`;
}

/** The office's visits to the town (and its villages) in the month, as the page's visit column counts them (item 23). */
function visitCells(v: AssessmentView, town: string): number[] {
  const x = v.visits[town];
  return x ? [x.made, x.mystery, x.findings, x.closed] : [0, 0, 0, 0];
}

// The scorecards for the assessment meeting: one row per town with every part, the figures each
// part came from and why the town stands where it does; the same words and numbers as the page.
export function assessmentWorkbook(wb: Workbook, v: AssessmentView): void {
  const ws = wb.addWorksheet('街道考核');
  ws.addRow([
    spreadsheetCell(
      `${v.siteName} 街道考核 ${v.from} 至 ${v.to}：${v.spread.towns} 个街道，${v.spread.distinctRanks} 个名次，最高最低分差 ${v.spread.range.toFixed(2)} 分（含所辖社区）`,
    ),
  ]).font = { bold: true };
  const head = ws.addRow([
    '名次',
    '街道',
    '编码',
    '站点数',
    '总分',
    ...ASSESSMENT_CRITERIA.flatMap((c) => [`${ASSESSMENT_CRITERION_LABELS[c].zh}（${v.weights[c]}分）`, '依据']),
    '排名理由',
    '督导暗访（次）',
    '其中暗访',
    '发现问题',
    '已整改销号',
  ]);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
  for (const r of v.rows)
    ws.addRow(
      [
        r.rank,
        r.name,
        r.site,
        r.sites,
        r.score,
        ...r.parts.flatMap((p) => [p.points, evidenceCell(p)]),
        assessmentReasonText(r.reason, 'zh'),
        ...visitCells(v, r.site),
      ].map((x) => spreadsheetCell(x)),
    );
  [6, 16, 10, 8, 10, ...ASSESSMENT_CRITERIA.flatMap(() => [12, 12]), 56, 12, 10, 10, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
}
