import {
  DEFAULT_ASSESSMENT_WEIGHTS,
  type AssessmentEvidenceResult,
  type AssessmentView,
  type AssessmentWeightsView,
} from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
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
import { assessmentWorkbook } from './assessment-export';
import { readFigures, readVisits } from './assessment-figures';
import { rankTowns, TownFigures } from './assessment-ranking';
import { AssessmentWeightsRow } from './assessment-weights.entity';
import { validWeights } from './assessment-weights';
import { monthName } from '../reports/report-format';

/** Item 46 of the report: the assessment of the town centres was egalitarian. */
export const ASSESSMENT_ITEM = 46;
/** Item 23 of the report: the bureau guided the town centres too little. */
export const GUIDANCE_ITEM = 23;

// The scorecards of the town centres below a district hall (docs/contracts/assessment.md).
@Injectable()
export class AssessmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly rectification: RectificationService,
  ) {}

  /** The month asked for, or the hall's current one; a month still to come has nothing to assess. */
  month(site: Site, asked: string | undefined): string {
    return askedMonth(this.clock.now(), site.timezone, asked);
  }

  async weights(site: Site): Promise<AssessmentWeightsView> {
    const row = await this.ds.getRepository(AssessmentWeightsRow).findOneBy({ siteId: site.id });
    return {
      site: site.code,
      weights: row?.weights ?? { ...DEFAULT_ASSESSMENT_WEIGHTS },
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }

  async setWeights(site: Site, who: Actor, input: unknown): Promise<AssessmentWeightsView> {
    const weights = validWeights(input);
    const now = this.clock.now();
    await this.ds.transaction(async (em) => {
      const before = await em.findOneBy(AssessmentWeightsRow, { siteId: site.id });
      await em.save(AssessmentWeightsRow, { siteId: site.id, weights, updatedAt: now, updatedBy: who.actor });
      await recordAudit(em, {
        by: who,
        at: now,
        action: 'assessment.weights.set',
        site: site.code,
        target: `assessment-weights:${site.code}`,
        details: { before: before?.weights ?? DEFAULT_ASSESSMENT_WEIGHTS, after: weights },
      });
    });
    return this.weights(site);
  }

  async view(site: Site, month: string): Promise<AssessmentView> {
    const now = this.clock.now();
    const towns = await this.ds.getRepository(Site).find({ where: { parentId: site.id, tier: 'town' }, order: { code: 'ASC' } });
    if (!towns.length)
      throw badField('site', `site "${site.code}" has no town centres below it; choose the district hall to assess its towns`);
    const villages = await this.ds.getRepository(Site).findBy({ parentId: In(towns.map((t) => t.id)) });
    const from = `${month}-01`;
    const last = addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1);
    const today = localDay(now, site.timezone);
    const to = last < today ? last : today;
    const weights = (await this.weights(site)).weights;
    const figures: TownFigures[] = [];
    for (const town of towns) {
      // A town answers for its villages (社区): its score counts the town centre and every station below it.
      const sites = [town, ...villages.filter((v) => v.parentId === town.id)];
      figures.push({
        site: town.code,
        name: town.name,
        nameEn: town.nameEn,
        sites: sites.length,
        figures: await readFigures(this.ds.manager, sites, month, from, to, now),
      });
    }
    const { rows, spread } = rankTowns(figures, weights);
    return {
      site: site.code,
      siteName: site.name,
      month,
      from,
      to,
      timeZone: site.timezone,
      asOf: now.toISOString(),
      weights,
      rows,
      spread,
      visits: await readVisits(this.ds.manager, towns, from, to),
    };
  }

  async workbook(site: Site, month: string): Promise<{ name: string; fallback: string; bytes: Buffer }> {
    const v = await this.view(site, month);
    return {
      name: `街道考核-${site.code}-${month}.xlsx`,
      fallback: `assessment-${site.code}-${month}.xlsx`,
      bytes: await workbookBytes((wb) => assessmentWorkbook(wb, v)),
    };
  }

  /** What the month's ranking says of item 46, in the report's terms. */
  static evidenceText(v: AssessmentView): string {
    const s = v.spread;
    return (
      `${monthName(v.month, 'zh')}街道考核（${v.siteName}）：${s.towns} 个街道排出 ${s.distinctRanks} 个名次，` +
      `最高分与最低分相差 ${s.range.toFixed(2)} 分；第一名${v.rows[0]?.name ?? '—'}，末位${v.rows[v.rows.length - 1]?.name ?? '—'}。由考核评分汇总，明细见附件。`
    );
  }

  /** What the month's visits say of item 23: how often the office went to each town, and what came of it. */
  static visitsEvidenceText(v: AssessmentView): string {
    const towns = [...v.rows].sort((a, b) => a.site.localeCompare(b.site));
    const of = (code: string) => v.visits[code] ?? { made: 0, mystery: 0, findings: 0, closed: 0 };
    const total = towns.reduce(
      (t, r) => {
        const x = of(r.site);
        return { made: t.made + x.made, mystery: t.mystery + x.mystery, findings: t.findings + x.findings, closed: t.closed + x.closed };
      },
      { made: 0, mystery: 0, findings: 0, closed: 0 },
    );
    const unvisited = towns.filter((r) => of(r.site).made === 0).map((r) => r.name);
    return (
      `${monthName(v.month, 'zh')}对${v.siteName}所辖 ${towns.length} 个街道（含所辖社区）开展实地督导和暗访共 ${total.made} 次（其中暗访 ${total.mystery} 次）：` +
      towns.map((r) => `${r.name} ${of(r.site).made} 次`).join('、') +
      `；发现问题 ${total.findings} 个，已整改销号 ${total.closed} 个。` +
      (unvisited.length ? `本月未到访：${unvisited.join('、')}。` : '本月每个街道均已到访。') +
      '由督导记录汇总。'
    );
  }

  /**
   * Files the month's ranking and its spread, with the workbook, as dated evidence on item 46,
   * and the month's visits per town on item 23.
   */
  async fileEvidence(site: Site, who: Actor, month: string): Promise<AssessmentEvidenceResult> {
    await this.rectification.get({ site: site.code }, DEFAULT_REPORT, String(ASSESSMENT_ITEM));
    await this.rectification.get({ site: site.code }, DEFAULT_REPORT, String(GUIDANCE_ITEM));
    const v = await this.view(site, month);
    const bytes = await workbookBytes((wb) => assessmentWorkbook(wb, v));
    const text = AssessmentService.evidenceText(v);
    const name = `街道考核-${site.code}-${month}.xlsx`;
    const evidence = await this.rectification.addEvidence(
      who.actor,
      { site: site.code },
      DEFAULT_REPORT,
      String(ASSESSMENT_ITEM),
      { date: v.to, text },
      {
        originalname: name,
        mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: bytes.length,
        buffer: bytes,
      },
    );
    const visitsText = AssessmentService.visitsEvidenceText(v);
    const visits = await this.rectification.addEvidence(who.actor, { site: site.code }, DEFAULT_REPORT, String(GUIDANCE_ITEM), {
      date: v.to,
      text: visitsText,
    });
    await recordAudit(this.ds.manager, {
      by: who,
      at: this.clock.now(),
      action: 'assessment.evidence',
      site: site.code,
      target: `assessment:${month}`,
      details: {
        month,
        item: ASSESSMENT_ITEM,
        evidence: evidence.id,
        spread: { ...v.spread },
        visits: { item: GUIDANCE_ITEM, evidence: visits.id },
      },
    });
    return {
      month,
      item: ASSESSMENT_ITEM,
      evidenceId: evidence.id,
      text,
      visits: { item: GUIDANCE_ITEM, evidenceId: visits.id, text: visitsText },
    };
  }
}
