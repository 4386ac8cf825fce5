import {
  IndicatorSnapshot,
  LookBackSettings,
  RectificationEvidenceView,
  RectificationItemView,
  RectificationListView,
  RectificationSectionView,
} from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { IndicatorsService } from '../indicators/indicators.service';
import { badField } from '../../core/validation/input-validation';
import { Site } from '../registry/site.entity';
import { ATTACHMENT_KINDS_TEXT, attachmentType, EVIDENCE_MAX_BYTES } from './attachment-types';
import { AddEvidenceDto, UpdateItemDto } from './dtos/item.dto';
import { LookBackSettingsDto } from './dtos/look-back-settings.dto';
import { RectificationEvidence } from './entities/rectification-evidence.entity';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink } from './entities/rectification-link.entity';
import { RectificationRebound } from './entities/rectification-rebound.entity';
import { RectificationReport } from './entities/rectification-report.entity';
import { lockSite } from './look-back.service';
import { lookBackSettings } from './look-back-settings';
import { findReport, requireItem, resolveSite } from './rectification-scope';
import { evidenceView, ItemParts, itemView, reportView } from './rectification-views';
import { UploadedBlob } from '../../core/http/upload.interceptor';
import { Change, moveStatus, recordChanges } from './status-change';

export interface Scope {
  site?: string;
  report?: string;
}

/** 409 naming the status: the page words it as "add evidence first". */
const needsEvidence = (n: number) =>
  new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    field: 'status',
    message: `item ${n} cannot be declared rectified without evidence: add a dated record (with its file, if any) first`,
    errors: [{ field: 'status', message: `item ${n} cannot be declared rectified without evidence` }],
  });

// The items of a site's report as the hall works on them: status, department, deadline,
// evidence, and the history of every change. Constructed with plain dependencies so that
// the CLI can use it without Nest.
@Injectable()
export class RectificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly clock: Clock,
  ) {}

  async list(scope: Scope, ref: string): Promise<RectificationListView> {
    const site = await resolveSite(this.ds.manager, scope.site);
    const report = await findReport(this.ds.manager, site, ref);
    const snapshot = await this.snapshotOrNull(site);
    const settings = lookBackSettings(site.settings);
    const empty = { in_progress: 0, rectified: 0, ongoing: 0, total: 0, rebounding: 0 };
    const asOf = snapshot?.asOf ?? this.clock.now().toISOString();
    const names = { site: site.code, siteName: site.name, siteNameEn: site.nameEn };
    if (!report) return { ...names, report: null, settings, asOf, counts: empty, sections: [] };
    const items = await this.ds.getRepository(RectificationItem).find({ where: { reportId: report.id }, order: { sourceLine: 'ASC' } });
    const views = await this.views(this.ds.manager, items, report, snapshot);
    const counts = { ...empty, total: views.length };
    for (const v of views) {
      counts[v.status] += 1;
      if (v.rebound) counts.rebounding += 1;
    }
    return { ...names, report: reportView(report), settings, asOf, counts, sections: groupSections(views) };
  }

  async get(scope: Scope, ref: string, key: string): Promise<RectificationItemView> {
    const site = await resolveSite(this.ds.manager, scope.site);
    const item = await requireItem(this.ds.manager, site, ref, key);
    const report = await this.ds.getRepository(RectificationReport).findOneByOrFail({ id: item.reportId });
    return (await this.views(this.ds.manager, [item], report, await this.snapshotOrNull(site)))[0];
  }

  /**
   * Status, department and deadline; every changed field goes to the item's history. An item
   * is declared rectified on evidence: without a dated record it is refused, naming the status.
   */
  async update(actor: string, scope: Scope, ref: string, key: string, input: UpdateItemDto): Promise<RectificationItemView> {
    await this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      await lockSite(em, site.id);
      const item = await requireItem(em, site, ref, key);
      const now = this.clock.now();
      const changes: Change[] = [];
      const set = <K extends 'responsibleDepartment' | 'deadline'>(field: K, value: RectificationItem[K] | undefined) => {
        if (value === undefined || value === item[field]) return;
        changes.push({ field, old: item[field], new: value });
        item[field] = value;
      };
      if (input.status === 'rectified' && item.status !== 'rectified' && !(await em.existsBy(RectificationEvidence, { itemId: item.id })))
        throw needsEvidence(item.number);
      const moved = input.status === undefined ? null : await moveStatus(em, item, input.status, now);
      if (moved) {
        changes.push(moved);
        // From now on the status is the office's: a re-import of the report leaves it.
        item.statusSetBy = 'office';
      }
      set('responsibleDepartment', input.responsibleDepartment === undefined ? undefined : input.responsibleDepartment?.trim() || null);
      set('deadline', input.deadline);
      if (!changes.length) return;
      await em.save(item);
      await recordChanges(em, item, actor, now, changes);
    });
    return this.get(scope, ref, key);
  }

  async addEvidence(
    actor: string,
    scope: Scope,
    ref: string,
    key: string,
    input: AddEvidenceDto,
    file?: UploadedBlob,
  ): Promise<RectificationEvidenceView> {
    return this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const item = await requireItem(em, site, ref, key);
      // Evidence records what was done: a day still to come is a plan, not evidence.
      const today = serviceDay(this.clock.now(), site.timezone);
      if (input.date > today) throw badField('date', `date ${input.date} is after today (${today}); evidence records what was done`);
      let attachment: Pick<RectificationEvidence, 'attachment' | 'attachmentName' | 'attachmentSize' | 'attachmentType'> = {
        attachment: null,
        attachmentName: null,
        attachmentSize: null,
        attachmentType: null,
      };
      if (file) {
        // The upload limit already applies; this also covers callers that are not HTTP (the CLI).
        if (file.size > EVIDENCE_MAX_BYTES)
          throw badField('attachment', `attachment is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
        if (file.size === 0) throw badField('attachment', 'attachment is empty');
        const type = attachmentType(file.originalname, file.buffer);
        if (!type)
          throw badField(
            'attachment',
            `attachment must be a ${ATTACHMENT_KINDS_TEXT} file whose content matches its name; got "${file.originalname}"`,
          );
        attachment = { attachment: file.buffer, attachmentName: file.originalname, attachmentSize: file.size, attachmentType: type };
      }
      const now = this.clock.now();
      const row = await em.save(
        em.create(RectificationEvidence, { itemId: item.id, date: input.date, text: input.text.trim(), createdBy: actor, ...attachment }),
      );
      const summary = `${input.date} ${input.text.trim().slice(0, 60)}${file ? ` [${file.originalname}]` : ''}`;
      await recordChanges(em, item, actor, now, [{ field: 'evidence', old: null, new: summary }]);
      return evidenceView(row);
    });
  }

  async attachment(scope: Scope, id: string): Promise<{ name: string; type: string; bytes: Buffer }> {
    const site = await resolveSite(this.ds.manager, scope.site);
    const row = await this.ds
      .getRepository(RectificationEvidence)
      .createQueryBuilder('e')
      .addSelect('e.attachment')
      .innerJoin(RectificationItem, 'i', 'i.id = e.item_id')
      .where('e.id = :id AND i.site_id = :site', { id, site: site.id })
      .getOne();
    if (!row?.attachment || !row.attachmentName)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `No evidence attachment "${id}" at site "${site.code}"`,
      });
    return { name: row.attachmentName, type: row.attachmentType ?? 'application/octet-stream', bytes: row.attachment };
  }

  async settings(scope: Scope): Promise<LookBackSettings> {
    return lookBackSettings((await resolveSite(this.ds.manager, scope.site)).settings);
  }

  /** Stored in sites.settings.lookBack, merged so that the indicator thresholds beside it stay. */
  async updateSettings(scope: Scope, input: LookBackSettingsDto): Promise<LookBackSettings> {
    const site = await resolveSite(this.ds.manager, scope.site);
    const next = { ...lookBackSettings(site.settings), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
    await this.ds.query(`UPDATE sites SET settings = settings || jsonb_build_object('lookBack', $2::jsonb) WHERE id = $1`, [
      site.id,
      JSON.stringify(next),
    ]);
    return lookBackSettings({ lookBack: next });
  }

  private async views(em: EntityManager, items: RectificationItem[], report: RectificationReport, snapshot: IndicatorSnapshot | null) {
    const ids = items.map((i) => i.id);
    if (!ids.length) return [];
    const links = await em.find(RectificationLink, { where: { itemId: In(ids) }, order: { indicator: 'ASC', department: 'ASC' } });
    const evidence = await em.find(RectificationEvidence, { where: { itemId: In(ids) }, order: { date: 'ASC', createdAt: 'ASC' } });
    const history = await em.find(RectificationHistory, { where: { itemId: In(ids) }, order: { at: 'DESC', field: 'ASC' } });
    const rebounds = await em.find(RectificationRebound, { where: { itemId: In(ids) } });
    const of = <T extends { itemId: string }>(rows: T[], id: string) => rows.filter((r) => r.itemId === id);
    return items.map((i) => {
      const parts: ItemParts = {
        links: of(links, i.id),
        evidence: of(evidence, i.id),
        history: of(history, i.id),
        rebound: rebounds.find((r) => r.itemId === i.id),
      };
      return itemView(i, report, parts, snapshot);
    });
  }

  /** Live values are a bonus on this page: without them the items still show. */
  private async snapshotOrNull(site: Site): Promise<IndicatorSnapshot | null> {
    try {
      return await this.indicators.snapshot(site);
    } catch {
      return null;
    }
  }
}

function groupSections(items: RectificationItemView[]): RectificationSectionView[] {
  const sections: RectificationSectionView[] = [];
  for (const item of items) {
    let s = sections[sections.length - 1];
    if (!s || s.partOrdinal !== item.partOrdinal || s.ordinal !== item.sectionOrdinal) {
      s = {
        partOrdinal: item.partOrdinal,
        ordinal: item.sectionOrdinal,
        numeral: item.sectionNumeral,
        title: item.sectionTitle,
        items: [],
      };
      sections.push(s);
    }
    s.items.push(item);
  }
  return sections;
}
