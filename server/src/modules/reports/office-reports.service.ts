import {
  OFFICE_REPORT_KIND_LABELS,
  type OfficeReportLang,
  type OfficeReportListView,
  type OfficeReportTrigger,
  type OfficeReportView,
} from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { askedMonth } from '../../core/time/asked-month';
import { Clock } from '../../core/time/clock';
import { daysBetween, isCalendarDay, localDay, localMonth } from '../../core/time/zoned-time';
import { badField } from '../../core/validation/input-validation';
import { DEFAULT_REPORT, findReport, reportRef } from '../rectification/rectification-scope';
import { Site } from '../registry/site.entity';
import { monthlyReportDocx } from './monthly-report';
import { OfficeReport } from './office-report.entity';
import { rectificationDraftDocx } from './rectification-draft';
import { ReportFigures, shiftMonth } from './report-figures';

/** A draft covers at most a year: the office reports monthly or quarterly. */
const MAX_DRAFT_DAYS = 366;

export function officeReportView(r: OfficeReport, site: string): OfficeReportView {
  return {
    id: r.id,
    site,
    kind: r.kind,
    lang: r.lang,
    from: r.from,
    to: r.to,
    month: r.month,
    reportRef: r.reportRef,
    title: r.title,
    fileName: r.fileName,
    size: r.size,
    trigger: r.trigger,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-');

// The office's documents: written from the figures the screens read, stored with their bytes,
// listed per site and downloaded as they were made.
@Injectable()
export class OfficeReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly figures: ReportFigures,
    private readonly clock: Clock,
  ) {}

  async monthly(site: Site, month: string, lang: OfficeReportLang, trigger: OfficeReportTrigger, actor: string): Promise<OfficeReportView> {
    askedMonth(this.clock.now(), site.timezone, month);
    const f = await this.figures.month(site, month, DEFAULT_REPORT);
    const doc = await monthlyReportDocx(f, {
      siteName: site.name,
      siteNameEn: site.nameEn,
      timeZone: site.timezone,
      generatedAt: this.clock.now(),
      lang,
    });
    const fileName = `${safeName(lang === 'en' ? `${site.code}-monthly-report-${month}` : `${site.name}-${month}-月度运行分析报告`)}.docx`;
    return this.store(
      site,
      { kind: 'monthly', lang, from: f.from, to: f.to, month, reportRef: null, title: doc.title, fileName, trigger, actor },
      doc.bytes,
    );
  }

  async draft(
    site: Site,
    ref: string | undefined,
    from: string,
    to: string,
    lang: OfficeReportLang,
    actor: string,
  ): Promise<OfficeReportView> {
    const reportName = reportRef(ref);
    if (!isCalendarDay(from)) throw badField('from', `from ${from} is not a calendar day`);
    if (!isCalendarDay(to)) throw badField('to', `to ${to} is not a calendar day`);
    const today = localDay(this.clock.now(), site.timezone);
    if (to > today) throw badField('to', `to ${to} is after today (${today}): a draft reports what was done`);
    const span = daysBetween(from, to);
    if (span < 0) throw badField('to', 'to must not be before from');
    if (span >= MAX_DRAFT_DAYS) throw badField('from', `a draft covers at most ${MAX_DRAFT_DAYS} days`);
    if (!(await findReport(this.ds.manager, site, reportName)))
      throw badField('report', `no rectification report "${reportName}" has been imported for site ${site.code}`);
    const [list, patrol, counts] = await Promise.all([
      this.figures.rectificationList(site, reportName),
      this.figures.patrol(site, from, to),
      this.figures.counts(site, from, to),
    ]);
    const doc = await rectificationDraftDocx(
      list,
      { from, to, rounds: patrol.rounds, notices: patrol.notices, counts },
      { siteName: site.name, siteNameEn: site.nameEn, timeZone: site.timezone, generatedAt: this.clock.now(), lang },
    );
    const fileName = `${safeName(lang === 'en' ? `${site.code}-rectification-draft-${from}-${to}` : `${site.name}-整改情况报告-草稿-${from}至${to}`)}.docx`;
    return this.store(
      site,
      {
        kind: 'rectification-draft',
        lang,
        from,
        to,
        month: null,
        reportRef: reportName,
        title: doc.title,
        fileName,
        trigger: 'manual',
        actor,
      },
      doc.bytes,
    );
  }

  async list(site: Site): Promise<OfficeReportListView> {
    const rows = await this.ds
      .getRepository(OfficeReport)
      .find({ where: { siteId: site.id }, order: { createdAt: 'DESC', id: 'ASC' }, take: 500 });
    return { site: site.code, documents: rows.map((r) => officeReportView(r, site.code)) };
  }

  async file(site: Site, id: string): Promise<{ row: OfficeReport; bytes: Buffer }> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.ds
          .getRepository(OfficeReport)
          .createQueryBuilder('r')
          .addSelect('r.bytes')
          .where('r.id = :id AND r.site_id = :site', { id, site: site.id })
          .getOne()
      : null;
    if (!row) throw new NotFoundException(`No document ${id} at site ${site.code}`);
    return { row, bytes: row.bytes };
  }

  /**
   * The schedule's part: last month's report, once per site and language. Run whenever the
   * sweep comes by, so a server that was down on the 1st still writes it when it is back.
   */
  async ensureLastMonth(site: Site, lang: OfficeReportLang = 'zh'): Promise<OfficeReportView | null> {
    const month = shiftMonth(localMonth(this.clock.now(), site.timezone), -1);
    const exists = await this.ds
      .getRepository(OfficeReport)
      .existsBy({ siteId: site.id, kind: 'monthly', month, lang, trigger: 'schedule' });
    if (exists) return null;
    return this.monthly(site, month, lang, 'schedule', 'schedule');
  }

  private async store(
    site: Site,
    d: Pick<OfficeReport, 'kind' | 'lang' | 'from' | 'to' | 'month' | 'reportRef' | 'title' | 'fileName' | 'trigger'> & { actor: string },
    bytes: Buffer,
  ): Promise<OfficeReportView> {
    const row = await this.ds.getRepository(OfficeReport).save({
      siteId: site.id,
      kind: d.kind,
      lang: d.lang,
      from: d.from,
      to: d.to,
      month: d.month,
      reportRef: d.reportRef,
      title: d.title || OFFICE_REPORT_KIND_LABELS[d.kind][d.lang],
      fileName: d.fileName,
      size: bytes.length,
      bytes,
      trigger: d.trigger,
      createdBy: d.actor,
      createdAt: this.clock.now(),
    });
    return officeReportView(row, site.code);
  }
}
