import { VISIT_WALKER_ROLES, type VisitDetailView, type VisitPlanView, type VisitView } from '@hallwatch/shared';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { localMonth } from '../../core/time/zoned-time';
import { badField } from '../../core/validation/input-validation';
import { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { User } from '../accounts/entities/user.entity';
import { PatrolNotice } from '../patrol/entities/patrol-notice.entity';
import { Site } from '../registry/site.entity';
import { FinishVisitDto, PlanVisitDto, VisitCheckDto } from './dtos/visit.dto';
import { Visit } from './entities/visit.entity';
import { VisitCheck } from './entities/visit-check.entity';
import { VisitFinding } from './entities/visit-finding.entity';
import { VisitPhoto } from './entities/visit-photo.entity';
import { VisitChecklistService } from './visit-checklist.service';
import { sitesById, visitScope, visitTarget } from './visit-sites';
import { findingState, findingView, visitView } from './visit-views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const conflict = (message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message });

/**
 * Visits of the district office to its town centres and village stations: planned by the office,
 * walked by the assignee on a phone (start, checklist, finish), their findings kept for notices.
 * A mystery visit is the office's secret until it is finished: the town reading its own visits
 * does not see it before then.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly checklist: VisitChecklistService,
  ) {}

  async plan(officeCode: string, by: Actor, input: PlanVisitDto): Promise<VisitView> {
    const office = await this.office(officeCode);
    const target = await visitTarget(this.ds.manager, office, input.target);
    const user = await this.ds.getRepository(User).findOneBy({ username: input.assignee });
    if (!user || user.disabledAt || !(VISIT_WALKER_ROLES as readonly string[]).includes(user.role))
      throw badField('assignee', `assignee must be an active patrol, supervisor or admin account; "${input.assignee}" is not`);
    const visit = await this.ds.transaction(async (em) => {
      const saved = await em.save(
        em.create(Visit, {
          officeSiteId: office.id,
          siteId: target.site.id,
          townSiteId: target.town.id,
          kind: input.kind,
          plannedOn: input.plannedOn,
          assignee: user.username,
          plannedBy: by.actor,
          state: 'planned',
        }),
      );
      await recordAudit(em, {
        action: 'visit.plan',
        by,
        target: `visit:${saved.id}`,
        site: office.code,
        details: { site: target.site.code, kind: input.kind, plannedOn: input.plannedOn, assignee: user.username },
      });
      return saved;
    });
    return (await this.views(this.ds.manager, [visit]))[0];
  }

  /** The month's visits, by town: at the district hall all of them, at a town centre its own (mystery ones once finished). */
  async month(scopeCode: string, asked: string | undefined): Promise<VisitPlanView> {
    const scope = await visitScope(this.ds.manager, scopeCode);
    const month = asked ?? localMonth(this.clock.now(), scope.timezone);
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const qb = this.ds
      .getRepository(Visit)
      .createQueryBuilder('v')
      .where('v.planned_on >= :from AND v.planned_on < :to', { from: `${month}-01`, to: next });
    if (scope.tier === 'hall') qb.andWhere('v.office_site_id = :id', { id: scope.id });
    else qb.andWhere(`v.town_site_id = :id AND (v.kind <> 'mystery' OR v.state = 'finished')`, { id: scope.id });
    const visits = await qb.orderBy('v.planned_on').addOrderBy('v.created_at').getMany();
    const views = await this.views(this.ds.manager, visits);
    const towns =
      scope.tier === 'hall'
        ? await this.ds.getRepository(Site).find({ where: { parentId: scope.id, tier: 'town' }, order: { code: 'ASC' } })
        : [scope];
    return {
      month,
      towns: towns.map((t) => ({
        town: { code: t.code, name: t.name, nameEn: t.nameEn },
        visits: views.filter((v) => v.town.code === t.code),
      })),
    };
  }

  async detail(scopeCode: string, id: string): Promise<VisitDetailView> {
    const scope = await visitScope(this.ds.manager, scopeCode);
    const v = await this.find(this.ds.manager, scope, id);
    const [view] = await this.views(this.ds.manager, [v]);
    const checks = await this.ds.getRepository(VisitCheck).findBy({ visitId: v.id });
    const photos = new Set((await this.ds.getRepository(VisitPhoto).findBy({ visitId: v.id })).map((p) => p.point));
    // A visit under way shows the site's list now; one with checks keeps the labels they were made against.
    const points = await this.checklist.points(this.ds.manager, v.siteId);
    const byPoint = new Map(checks.map((c) => [c.point, c]));
    const listed = points.map((p) => p.code);
    const photoUrl = (point: string) =>
      `/api/v1/admin/sites/${encodeURIComponent(scope.code)}/visits/${v.id}/checks/${encodeURIComponent(point)}/photo`;
    const checkViews = [
      ...points.map((p) => {
        const c = byPoint.get(p.code);
        return {
          point: p.code,
          label: c ? { zh: c.label, en: c.labelEn ?? c.label } : p.label,
          result: c?.result ?? null,
          note: c?.note ?? null,
          photo: photos.has(p.code) ? photoUrl(p.code) : null,
          recordedAt: c?.recordedAt.toISOString() ?? null,
        };
      }),
      ...checks
        .filter((c) => !listed.includes(c.point))
        .map((c) => ({
          point: c.point,
          label: { zh: c.label, en: c.labelEn ?? c.label },
          result: c.result,
          note: c.note,
          photo: photos.has(c.point) ? photoUrl(c.point) : null,
          recordedAt: c.recordedAt.toISOString(),
        })),
    ];
    // A visit's findings are written together at its finish: they read in the checklist's order, then
    // the findings beyond it, rather than in the order of their random ids.
    const rank = (f: VisitFinding) => (f.point === null || !listed.includes(f.point) ? listed.length : listed.indexOf(f.point));
    const findings = (await this.ds.getRepository(VisitFinding).find({ where: { visitId: v.id }, order: { occurredAt: 'ASC' } })).sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || rank(a) - rank(b) || a.text.localeCompare(b.text),
    );
    const notices = await noticesOf(
      this.ds.manager,
      findings.map((f) => f.id),
    );
    const office = await this.ds.getRepository(Site).findOneBy({ id: v.officeSiteId });
    const now = this.clock.now();
    return {
      visit: view,
      checks: checkViews,
      findings: findings.map((f) => findingView(f, notices.get(f.id), office ?? undefined, now)),
    };
  }

  async start(officeCode: string, id: string, by: Actor): Promise<VisitDetailView> {
    const office = await this.office(officeCode);
    await this.change(office, id, by, 'visit.start', (v, now) => {
      if (v.state !== 'planned') throw conflict(`The visit is ${v.state}; only a planned visit is started`);
      v.state = 'started';
      v.startedAt = now;
      v.startedBy = by.actor;
      return {};
    });
    return this.detail(officeCode, id);
  }

  async check(officeCode: string, id: string, point: string, by: Actor, input: VisitCheckDto): Promise<VisitDetailView> {
    const office = await this.office(officeCode);
    await this.ds.transaction(async (em) => {
      const v = await this.locked(em, office, id, by);
      if (v.state !== 'started') throw conflict(`The visit is ${v.state}; points are judged while it is under way`);
      const def = (await this.checklist.points(em, v.siteId)).find((p) => p.code === point);
      if (!def) throw badField('point', `"${point}" is not a point of the site's checklist`);
      await em.save(
        em.create(VisitCheck, {
          visitId: v.id,
          point,
          label: def.label.zh,
          labelEn: def.label.en,
          result: input.result,
          note: input.note?.trim() || null,
          recordedAt: this.clock.now(),
          recordedBy: by.actor,
        }),
      );
    });
    return this.detail(officeCode, id);
  }

  /** Every point judged, the failed ones (and those written beside them) become findings. */
  async finish(officeCode: string, id: string, by: Actor, input: FinishVisitDto): Promise<VisitDetailView> {
    const office = await this.office(officeCode);
    await this.ds.transaction(async (em) => {
      const v = await this.locked(em, office, id, by);
      if (v.state !== 'started') throw conflict(`The visit is ${v.state}; only a visit under way is finished`);
      if (v.kind === 'mystery' && !input.mystery)
        throw badField(
          'mystery',
          'a mystery visit is finished with what the visitor experienced: mystery.waitedMin, mystery.servedCorrectly, mystery.experience',
        );
      if (v.kind === 'field' && input.mystery) throw badField('mystery', 'mystery is recorded on a mystery visit only');
      const checks = await em.findBy(VisitCheck, { visitId: v.id });
      const judged = new Set(checks.map((c) => c.point));
      const missing = (await this.checklist.points(em, v.siteId)).filter((p) => !judged.has(p.code)).map((p) => p.code);
      if (missing.length) throw badField('checks', `every point is judged before the visit is finished; not yet: ${missing.join(', ')}`);
      const now = this.clock.now();
      v.state = 'finished';
      v.finishedAt = now;
      v.finishedBy = by.actor;
      v.summary = input.summary?.trim() || null;
      if (input.mystery) {
        v.waitedMin = input.mystery.waitedMin;
        v.servedCorrectly = input.mystery.servedCorrectly;
        v.experience = input.mystery.experience.trim();
      }
      await em.save(v);
      const failed = checks.filter((c) => c.result === 'fail');
      const rows = [
        ...failed.map((c) => ({ point: c.point, text: c.note ? `${c.label}：${c.note}` : c.label })),
        ...(input.findings ?? []).map((text) => ({ point: null, text: text.trim() })),
      ];
      if (input.mystery && !input.mystery.servedCorrectly)
        rows.push({ point: null, text: `暗访办事未得到正确办理：${input.mystery.experience.trim()}` });
      if (rows.length)
        await em.save(rows.map((r) => em.create(VisitFinding, { visitId: v.id, point: r.point, text: r.text, occurredAt: now })));
      await recordAudit(em, {
        action: 'visit.finish',
        by,
        target: `visit:${v.id}`,
        site: office.code,
        details: { kind: v.kind, findings: rows.length, failed: failed.map((c) => c.point) },
      });
    });
    return this.detail(officeCode, id);
  }

  async cancel(officeCode: string, id: string, by: Actor): Promise<VisitDetailView> {
    const office = await this.office(officeCode);
    await this.change(office, id, by, 'visit.cancel', (v) => {
      if (v.state !== 'planned') throw conflict(`The visit is ${v.state}; only a planned visit is cancelled`);
      v.state = 'cancelled';
      return {};
    });
    return this.detail(officeCode, id);
  }

  /** A visit the office may walk: its own, by its assignee (a planner may stand in). */
  async walkable(officeCode: string, id: string, by: Actor): Promise<Visit> {
    const office = await this.office(officeCode);
    return this.locked(this.ds.manager, office, id, by, false);
  }

  async office(code: string): Promise<Site> {
    const site = await visitScope(this.ds.manager, code);
    if (site.tier !== 'hall')
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        field: 'site',
        message: `Visits are planned and walked at the district hall, not at "${code}"`,
      });
    return site;
  }

  private async change(office: Site, id: string, by: Actor, action: string, apply: (v: Visit, now: Date) => Record<string, unknown>) {
    await this.ds.transaction(async (em) => {
      const v = await this.locked(em, office, id, by);
      const details = apply(v, this.clock.now());
      await em.save(v);
      await recordAudit(em, { action, by, target: `visit:${v.id}`, site: office.code, details: { state: v.state, ...details } });
    });
  }

  private async locked(em: EntityManager, office: Site, id: string, by: Actor, lock = true): Promise<Visit> {
    const v = await this.find(em, office, id, lock);
    // The visit is the assignee's walk; the office's planners may stand in, another patroller may not.
    if (by.role === 'patrol' && by.actor !== v.assignee)
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `visit ${v.id} is assigned to "${v.assignee}"` });
    return v;
  }

  private async find(em: EntityManager, scope: Site, id: string, lock = false): Promise<Visit> {
    const missing = () =>
      new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${scope.code}" has no visit ${id}` });
    if (!UUID.test(id)) throw missing();
    const v = await em.getRepository(Visit).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!v) throw missing();
    if (scope.tier === 'hall' && v.officeSiteId !== scope.id) throw missing();
    // A town reads its own visits; a mystery visit only once it is over.
    if (scope.tier === 'town' && (v.townSiteId !== scope.id || (v.kind === 'mystery' && v.state !== 'finished'))) throw missing();
    return v;
  }

  private async views(em: EntityManager, visits: Visit[]): Promise<VisitView[]> {
    const sites = await sitesById(
      em,
      visits.flatMap((v) => [v.siteId, v.townSiteId]),
    );
    const findings = visits.length ? await em.find(VisitFinding, { where: { visitId: In(visits.map((v) => v.id)) } }) : [];
    const notices = await noticesOf(
      em,
      findings.map((f) => f.id),
    );
    return visits.map((v) => {
      const own = findings.filter((f) => f.visitId === v.id);
      return visitView(v, sites, { findings: own.length, open: own.filter((f) => findingState(notices.get(f.id)) !== 'closed').length });
    });
  }
}

/** The notices sent about visit findings, by finding. */
export async function noticesOf(em: EntityManager, findingIds: string[]): Promise<Map<string, PatrolNotice>> {
  if (!findingIds.length) return new Map();
  const rows = await em.find(PatrolNotice, { where: { source: 'visit', findingId: In(findingIds) } });
  return new Map(rows.map((n) => [n.findingId, n]));
}
