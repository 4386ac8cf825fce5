import { VISIT_ITEMS, VISIT_NOTICE_DEFAULT_DAYS, type VisitDetailView, type VisitNoticeView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { calendarSpan, workingDeadline } from '../../core/time/working-calendar';
import { localDay } from '../../core/time/zoned-time';
import { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { readExceptions } from '../calendar/calendar-store';
import { PatrolNotice } from '../patrol/entities/patrol-notice.entity';
import { allocateNoticeNumber } from '../patrol/notice-number';
import { NoticeSubjects } from '../patrol/notice-subjects';
import { closeWithReply, PatrolNoticesService } from '../patrol/patrol-notices.service';
import { noticeRemindAt } from '../patrol/round-rules';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { VisitNoticeDto, VisitReplyDto } from './dtos/visit.dto';
import { Visit } from './entities/visit.entity';
import { VisitFinding } from './entities/visit-finding.entity';
import { VisitPhoto } from './entities/visit-photo.entity';
import { VisitChecklistService } from './visit-checklist.service';
import { VisitsService } from './visits.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const conflict = (message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message });
const KIND_ZH = { field: '实地督导', mystery: '暗访' } as const;
const KIND_EN = { field: 'Field visit', mystery: 'Mystery visit' } as const;

/**
 * A visit's finding sent to the town centre that answers for the visited site, as a 督查告知书 of
 * the district office: the same notices as patrol's (文号 from the office's pattern, deadline on
 * the hall's working days, reminder and escalation jobs, the printed form and its PDF), addressed
 * to a town instead of a department. The town answers at its own site; the office accepts or
 * escalates at the district hall with the notices' own routes.
 */
@Injectable()
export class VisitNoticesService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly visits: VisitsService,
    private readonly notices: PatrolNoticesService,
    private readonly subjects: NoticeSubjects,
    private readonly checklist: VisitChecklistService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('visit', {
      document: (em, n, photoUrl) => this.document(em, n, photoUrl),
      photo: (em, n) => this.photo(em, n),
    });
  }

  async issue(officeCode: string, visitId: string, findingId: string, by: Actor, input: VisitNoticeDto): Promise<VisitDetailView> {
    const office = await this.visits.office(officeCode);
    const visit = await this.visits.walkable(officeCode, visitId, by);
    const notice = await this.ds.transaction(async (em) => {
      const v = await em.getRepository(Visit).findOneOrFail({ where: { id: visit.id }, lock: { mode: 'pessimistic_write' } });
      if (v.state !== 'finished') throw conflict(`The visit is ${v.state}; its findings are sent once it is finished`);
      const f = UUID.test(findingId) ? await em.findOneBy(VisitFinding, { id: findingId, visitId: v.id }) : null;
      if (!f) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Visit ${v.id} has no finding ${findingId}` });
      const taken = await em.findOneBy(PatrolNotice, { source: 'visit', findingId: f.id });
      if (taken) throw conflict(`The finding already has notice ${taken.number ?? taken.id}`);
      const town = await em.findOneByOrFail(Site, { id: v.townSiteId });
      const now = this.clock.now();
      const days = input.workingDays ?? VISIT_NOTICE_DEFAULT_DAYS;
      const span = calendarSpan(localDay(now, office.timezone), days);
      const deadline = workingDeadline(now, days, office.timezone, await readExceptions(em, office.id, span.from, span.to));
      const number = await allocateNoticeNumber(em, office, now);
      const saved = await em.save(
        em.create(PatrolNotice, {
          siteId: office.id,
          clientId: `visit:${f.id}`,
          findingId: f.id,
          department: town.code,
          source: 'visit',
          addresseeSiteId: town.id,
          text: input.text?.trim() || null,
          issuedAt: now,
          issuedBy: by.actor,
          deadline,
          remindAt: noticeRemindAt(now, deadline),
          status: 'open',
          number: number.text,
          numberYear: number.year,
          numberSeq: number.seq,
        }),
      );
      await recordAudit(em, {
        action: 'visit.notice.issue',
        by,
        target: `notice:${saved.id}`,
        site: office.code,
        details: { number: saved.number, visit: v.id, finding: f.id, town: town.code, workingDays: days, deadline: deadline.toISOString() },
      });
      return saved;
    });
    await this.notices.issued(notice);
    return this.visits.detail(officeCode, visitId);
  }

  /** The notices addressed to a town centre, newest deadline last. */
  async forTown(townCode: string): Promise<VisitNoticeView[]> {
    const town = await this.town(townCode);
    const rows = await this.ds
      .getRepository(PatrolNotice)
      .find({ where: { source: 'visit', addresseeSiteId: town.id }, order: { deadline: 'ASC' } });
    return this.townViews(this.ds.manager, rows);
  }

  /** The town's answer: closes the notice; the office then accepts it or escalates it. */
  async reply(townCode: string, noticeId: string, by: Actor, input: VisitReplyDto): Promise<VisitNoticeView> {
    const town = await this.town(townCode);
    const missing = () =>
      new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Town "${town.code}" has no notice ${noticeId}` });
    if (!UUID.test(noticeId)) throw missing();
    const n = await this.ds.transaction(async (em) => {
      const n = await em
        .getRepository(PatrolNotice)
        .findOne({ where: { id: noticeId, source: 'visit', addresseeSiteId: town.id }, lock: { mode: 'pessimistic_write' } });
      if (!n) throw missing();
      await closeWithReply(em, n, input.reply.trim(), by.actor, this.clock.now());
      await recordAudit(em, { action: 'visit.notice.reply', by, target: `notice:${n.id}`, site: town.code, details: { number: n.number } });
      return n;
    });
    await this.notices.issued(n);
    return (await this.townViews(this.ds.manager, [n]))[0];
  }

  private async town(code: string): Promise<Site> {
    const town = await findSite(this.ds.manager, code);
    if (town.tier !== 'town')
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        field: 'site',
        message: `"${code}" is not a town centre; a visit's notice is answered by its town`,
      });
    return town;
  }

  private async townViews(em: EntityManager, rows: PatrolNotice[]): Promise<VisitNoticeView[]> {
    if (!rows.length) return [];
    const findings = await em.find(VisitFinding, { where: { id: In(rows.map((n) => n.findingId)) } });
    const visits = await em.find(Visit, { where: { id: In(findings.map((f) => f.visitId)) } });
    const sites = await em.find(Site, { where: { id: In([...visits.map((v) => v.siteId), ...rows.map((n) => n.siteId)]) } });
    const now = this.clock.now();
    return rows.flatMap((n) => {
      const f = findings.find((x) => x.id === n.findingId);
      const v = f && visits.find((x) => x.id === f.visitId);
      const site = v && sites.find((s) => s.id === v.siteId);
      if (!f || !v || !site) return [];
      return [
        {
          id: n.id,
          number: n.number,
          office: sites.find((s) => s.id === n.siteId)?.code ?? '',
          finding: { id: f.id, point: f.point, text: f.text, occurredAt: f.occurredAt.toISOString() },
          visit: { id: v.id, site: site.code, siteName: site.name, kind: v.kind, plannedOn: v.plannedOn },
          text: n.text,
          issuedAt: n.issuedAt.toISOString(),
          deadline: n.deadline.toISOString(),
          status: n.status,
          overdue: n.status === 'open' && n.deadline <= now,
          reply: n.reply,
          repliedAt: n.repliedAt?.toISOString() ?? null,
          repliedBy: n.repliedBy,
          acceptedAt: n.acceptedAt?.toISOString() ?? null,
          escalatedAt: n.escalatedAt?.toISOString() ?? null,
        },
      ];
    });
  }

  private async document(em: EntityManager, n: PatrolNotice, photoUrl: string) {
    const f = await em.findOneByOrFail(VisitFinding, { id: n.findingId });
    const v = await em.findOneByOrFail(Visit, { id: f.visitId });
    const site = await em.findOneByOrFail(Site, { id: v.siteId });
    const town = await em.findOneByOrFail(Site, { id: n.addresseeSiteId ?? v.townSiteId });
    const point = f.point ? (await this.checklist.points(em, v.siteId)).find((p) => p.code === f.point) : undefined;
    const hasPhoto = f.point ? await em.existsBy(VisitPhoto, { visitId: v.id, point: f.point }) : false;
    const where = site.id === town.id ? site.name : `${town.name}·${site.name}`;
    const whereEn = site.id === town.id ? (site.nameEn ?? site.name) : `${town.nameEn ?? town.name} · ${site.nameEn ?? site.name}`;
    return {
      addressee: { code: town.code, name: town.name, nameEn: town.nameEn },
      facts: {
        occurredAt: f.occurredAt.toISOString(),
        checkpoint: {
          code: f.point ?? 'visit',
          label: {
            zh: `${KIND_ZH[v.kind]}（${where}）${point ? `：${point.label.zh}` : ''}`,
            en: `${KIND_EN[v.kind]} (${whereEn})${point ? `: ${point.label.en}` : ''}`,
          },
        },
        window: null,
        note: f.text,
        severity: null,
        items: [...VISIT_ITEMS],
        photo: hasPhoto ? photoUrl : null,
      },
    };
  }

  private async photo(em: EntityManager, n: PatrolNotice): Promise<{ type: string; bytes: Buffer } | null> {
    const f = await em.findOneBy(VisitFinding, { id: n.findingId });
    if (!f?.point) return null;
    const row = await em
      .getRepository(VisitPhoto)
      .createQueryBuilder('p')
      .addSelect('p.bytes')
      .where('p.visit_id = :v AND p.point = :point', { v: f.visitId, point: f.point })
      .getOne();
    return row ? { type: row.type, bytes: row.bytes } : null;
  }
}
