import { newWorkbook } from '../../core/export/workbook';
import { hallMinuteText } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface DetailRow {
  department: string;
  name: string | null;
  points: number;
  reason: string | null;
  items: number[];
  occurred_at: Date;
  checkpoint: string;
  label: string | null;
  confirmed_at: Date;
  confirmed_by: string;
  notice: string | null;
}

// The month's department deduction table (部门月度考核扣分) as a workbook for the assessment: one
// sheet of totals per department, one of every deduction behind them. Points are numbers and times
// the hall's clock, so the sheets sum and sort as they are.
@Injectable()
export class DeductionExportService {
  constructor(private readonly ds: DataSource) {}

  async workbook(siteCode: string, month: string, department?: string): Promise<{ name: string; fallback: string; bytes: Buffer }> {
    if (!MONTH.test(month)) throw badField('month', 'month must be written YYYY-MM');
    const site = await findSite(this.ds.manager, siteCode);
    const rows = await queryRows<DetailRow>(
      this.ds,
      `SELECT d.department, dep.name, d.points, d.reason, d.items, f.occurred_at, f.checkpoint, c.label, d.confirmed_at, d.confirmed_by, n.number AS notice
       FROM patrol_deductions d JOIN patrol_findings f ON f.id = d.finding_id
       LEFT JOIN departments dep ON dep.site_id = d.site_id AND dep.code = d.department
       LEFT JOIN patrol_checkpoints c ON c.site_id = d.site_id AND c.code = f.checkpoint
       LEFT JOIN patrol_notices n ON n.finding_id = d.finding_id
       WHERE d.site_id = $1 AND d.month = $2 AND ($3::text IS NULL OR d.department = $3)
       ORDER BY d.department, f.occurred_at, d.id`,
      [site.id, month, department ?? null],
    );
    const totals = new Map<string, { name: string; code: string; points: number; count: number }>();
    for (const r of rows) {
      const t = totals.get(r.department) ?? { name: r.name ?? r.department, code: r.department, points: 0, count: 0 };
      t.points += r.points;
      t.count += 1;
      totals.set(r.department, t);
    }
    const ranked = [...totals.values()].sort((a, b) => b.points - a.points || a.code.localeCompare(b.code));

    const wb = await newWorkbook();
    const sum = wb.addWorksheet('部门扣分汇总');
    sum.addRow([spreadsheetCell(`${site.name} ${month} 部门月度考核扣分表`)]).font = { bold: true };
    const head = sum.addRow(['部门', '编码', '扣分次数', '扣分合计']);
    head.font = { bold: true };
    [24, 12, 10, 10].forEach((w, i) => (sum.getColumn(i + 1).width = w));
    for (const t of ranked) sum.addRow([spreadsheetCell(t.name), spreadsheetCell(t.code), t.count, t.points]);
    sum.addRow(['合计', '', rows.length, rows.reduce((s, r) => s + r.points, 0)]).font = { bold: true };
    sum.views = [{ state: 'frozen', ySplit: 2 }];

    const det = wb.addWorksheet('扣分明细');
    det.addRow([spreadsheetCell(`${site.name} ${month} 扣分明细`)]).font = { bold: true };
    det.addRow(['部门', '发现时间', '检查点', '扣分', '原因', '涉及整改事项', '告知书文号', '确认人', '确认时间']).font = { bold: true };
    [22, 18, 20, 8, 36, 14, 30, 14, 18].forEach((w, i) => (det.getColumn(i + 1).width = w));
    for (const r of rows)
      det.addRow(
        [
          r.name ?? r.department,
          hallMinuteText(new Date(r.occurred_at).toISOString(), site.timezone),
          r.label ?? r.checkpoint,
          r.points,
          r.reason ?? '',
          r.items.join('、'),
          r.notice ?? '',
          r.confirmed_by,
          hallMinuteText(new Date(r.confirmed_at).toISOString(), site.timezone),
        ].map(spreadsheetCell),
      );
    det.views = [{ state: 'frozen', ySplit: 2 }];
    return {
      name: `部门月度考核扣分-${site.code}-${month}.xlsx`,
      fallback: `deductions-${site.code}-${month}.xlsx`,
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }
}
