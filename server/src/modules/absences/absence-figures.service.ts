import { type AbsenceEvidenceResult, type AbsenceFigureRow, type AbsenceFiguresView, defaultTargetsFor } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { askedMonth } from '../../core/time/asked-month';
import { addDays, localDay } from '../../core/time/zoned-time';
import { badField } from '../../core/validation/input-validation';
import type { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { RectificationService } from '../rectification/rectification.service';
import { DEFAULT_REPORT } from '../rectification/rectification-scope';
import { Site } from '../registry/site.entity';
import { workbookBytes } from '../../core/export/workbook';
import { figuresWorkbook } from './absence-export';
import { monthFigures } from './absence-figures';
import { monthName } from '../reports/report-format';

/** The items of the report whose figures these are: 50 (因公外出报备) and 51 (请销假). */
export const REGISTER_ITEMS = [50, 51] as const;

const days = (n: number) => String(Number(n.toFixed(1)));

/** What each item's evidence says of the month, in the report's own terms. */
export function evidenceText(item: (typeof REGISTER_ITEMS)[number], v: AbsenceFiguresView): string {
  const t: AbsenceFigureRow = v.total;
  if (item === 50)
    return (
      `${monthName(v.month, 'zh')}外出报备统计（${v.siteName}）：因公外出 ${t.officialBusiness} 次、外出开会 ${t.meetings} 次均已登记审批，` +
      `补报 ${t.lateFilings} 次；申报外出而无已批准登记 ${t.outingsUnregistered} 次。由外出报备登记汇总，明细见附件。`
    );
  return (
    `${monthName(v.month, 'zh')}请销假统计（${v.siteName}）：请假 ${t.leaves} 人次、${days(t.leaveDays)} 个工作日；` +
    `未报备离岗 ${t.unregistered} 次（擅自离岗 ${t.walkOffs}、未报备外出 ${t.outingsUnregistered}、超时未归 ${t.overruns}）。由请销假登记汇总，明细见附件。`
  );
}

// The register's monthly figures, their workbook, and the figures filed as dated evidence on the
// rectification items they bear on, so that the items show them (docs/contracts/absences.md).
@Injectable()
export class AbsenceFiguresService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly rectification: RectificationService,
  ) {}

  /** The month asked for, or the hall's current one; a month still to come has no figures. */
  month(site: Site, asked: string | undefined): string {
    return askedMonth(this.clock.now(), site.timezone, asked);
  }

  async figures(site: Site, month: string): Promise<AbsenceFiguresView> {
    return (await monthFigures(this.ds.manager, site, month, this.clock.now())).view;
  }

  async workbook(site: Site, month: string): Promise<{ name: string; fallback: string; bytes: Buffer }> {
    const m = await monthFigures(this.ds.manager, site, month, this.clock.now());
    return {
      name: `外出报备与请销假-${site.code}-${month}.xlsx`,
      fallback: `absences-${site.code}-${month}.xlsx`,
      bytes: await workbookBytes((wb) => figuresWorkbook(wb, m)),
    };
  }

  /**
   * Files the month's figures, with the workbook attached, as evidence on items 50 and 51 of the
   * site's report, dated the month's last day (today while the month runs). An item whose text
   * is not about outings or leave (another report's item 50) is refused before anything is filed.
   */
  async fileEvidence(site: Site, who: Actor, month: string): Promise<AbsenceEvidenceResult> {
    const items = [];
    for (const n of REGISTER_ITEMS) {
      const item = await this.rectification.get({ site: site.code }, DEFAULT_REPORT, String(n));
      const text = [item.problem, ...item.measures.map((m) => m.text)].join('\n');
      if (!defaultTargetsFor(n, text).length)
        throw badField('month', `item ${n} of this site's report is not about outings or leave; file the figures by hand`);
      items.push(n);
    }
    const now = this.clock.now();
    const m = await monthFigures(this.ds.manager, site, month, now);
    const bytes = await workbookBytes((wb) => figuresWorkbook(wb, m));
    const last = addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);
    const today = localDay(now, site.timezone);
    const date = last < today ? last : today;
    const name = `外出报备与请销假-${site.code}-${month}.xlsx`;
    const out: AbsenceEvidenceResult = { month, items: [] };
    for (const n of items) {
      const text = evidenceText(n as (typeof REGISTER_ITEMS)[number], m.view);
      const evidence = await this.rectification.addEvidence(
        who.actor,
        { site: site.code },
        DEFAULT_REPORT,
        String(n),
        { date, text },
        {
          originalname: name,
          mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          size: bytes.length,
          buffer: bytes,
        },
      );
      out.items.push({ number: n, evidenceId: evidence.id, text });
    }
    await recordAudit(this.ds.manager, {
      by: who,
      at: now,
      action: 'absence.figures.evidence',
      site: site.code,
      target: `absence-figures:${month}`,
      details: { month, items: out.items.map((i) => ({ item: i.number, evidence: i.evidenceId })) },
    });
    return out;
  }
}
