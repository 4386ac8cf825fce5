import { COMPARATOR_SIGNS, defaultTargetsFor, RectificationLinkView } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { Department } from '../registry/department.entity';
import { conflict, isUniqueViolation } from '../registry/registry-errors';
import { Site } from '../registry/site.entity';
import { CreateLinkDto, UpdateLinkDto } from './dtos/link.dto';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink, WHOLE_SITE } from './entities/rectification-link.entity';
import { Scope } from './rectification.service';
import { findReport, requireItem, resolveSite } from './rectification-scope';
import { linkView } from './rectification-views';

/** "reviews.active_rate >= 0.995 (day, site)": how a link reads in an item's history. */
export const describeLink = (l: Pick<RectificationLink, 'indicator' | 'comparator' | 'target' | 'window' | 'department'>): string =>
  `${l.indicator} ${COMPARATOR_SIGNS[l.comparator]} ${l.target} (${l.window}, ${l.department === WHOLE_SITE ? 'site' : l.department})`;

/** The text a default is matched against: what the problem is and what was done about it. */
export const itemText = (i: Pick<RectificationItem, 'problem' | 'measures'>): string =>
  [i.problem, ...i.measures.map((m) => m.text)].join('\n');

/** Adds the default links of an item that has none yet; returns how many were added. */
export async function addDefaultLinks(em: EntityManager, item: RectificationItem, actor: string, at: Date): Promise<number> {
  const targets = defaultTargetsFor(item.number, itemText(item));
  if (!targets.length || (await em.countBy(RectificationLink, { itemId: item.id })) > 0) return 0;
  const rows = targets.map((t) => ({
    itemId: item.id,
    indicator: t.indicator,
    comparator: t.comparator,
    target: t.target,
    window: t.window,
    department: WHOLE_SITE,
    origin: 'default' as const,
  }));
  await em.insert(RectificationLink, rows);
  await em.insert(
    RectificationHistory,
    rows.map((r) => ({ itemId: item.id, at, actor, field: 'link', oldValue: null, newValue: describeLink(r) })),
  );
  return rows.length;
}

// An item's indicator links, edited by an admin. A change of target or window starts the
// link's look-back record afresh: what was observed against the old target says nothing
// about the new one.
@Injectable()
export class RectificationLinksService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async add(actor: string, scope: Scope, ref: string, key: string, input: CreateLinkDto): Promise<RectificationLinkView> {
    return this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const item = await requireItem(em, site, ref, key);
      const department = await this.department(em, site, input.department);
      const link = em.create(RectificationLink, {
        itemId: item.id,
        indicator: input.indicator,
        comparator: input.comparator,
        target: input.target,
        window: input.window,
        department,
        origin: 'admin',
      });
      await em.save(link).catch((err: unknown) => {
        throw isUniqueViolation(err)
          ? conflict(`Item ${item.number} already has a link to ${input.indicator} for ${department || 'the whole site'}; edit that one`)
          : err;
      });
      await this.history(em, item.id, actor, null, describeLink(link));
      return linkView(link, null);
    });
  }

  async update(actor: string, scope: Scope, id: string, input: UpdateLinkDto): Promise<RectificationLinkView> {
    return this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const link = await this.requireLink(em, site, id);
      const before = describeLink(link);
      if (input.comparator !== undefined) link.comparator = input.comparator;
      if (input.target !== undefined) link.target = input.target;
      if (input.window !== undefined) link.window = input.window;
      if (input.department !== undefined) link.department = await this.department(em, site, input.department);
      const after = describeLink(link);
      if (after === before) return linkView(link, null);
      Object.assign(link, {
        origin: 'admin',
        offSince: null,
        failingDays: 0,
        judgedDay: null,
        judgedVerdict: null,
        lastValue: null,
        checkedAt: null,
      });
      await em.save(link).catch((err: unknown) => {
        throw isUniqueViolation(err) ? conflict(`The item already has a link to ${link.indicator} for that scope`) : err;
      });
      await this.history(em, link.itemId, actor, before, after);
      return linkView(link, null);
    });
  }

  async remove(actor: string, scope: Scope, id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const link = await this.requireLink(em, site, id);
      await em.delete(RectificationLink, { id: link.id });
      await this.history(em, link.itemId, actor, describeLink(link), null);
    });
  }

  /** Gives every item of the report without links its default links, if it has any. */
  async applyDefaults(actor: string, scope: Scope, ref: string): Promise<number> {
    return this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const report = await findReport(em, site, ref);
      if (!report)
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site.code}" has no report "${ref}"` });
      const now = this.clock.now();
      let added = 0;
      for (const item of await em.findBy(RectificationItem, { reportId: report.id })) added += await addDefaultLinks(em, item, actor, now);
      return added;
    });
  }

  private async department(em: EntityManager, site: Site, code: string | null | undefined): Promise<string> {
    if (code === null || code === undefined || code === '') return WHOLE_SITE;
    if (!(await em.findOneBy(Department, { siteId: site.id, code })))
      throw badField('department', `department "${code}" is not a department of site "${site.code}"; leave it out for the whole site`);
    return code;
  }

  private async requireLink(em: EntityManager, site: Site, id: string): Promise<RectificationLink> {
    const link = /^[0-9a-f-]{36}$/i.test(id)
      ? await em
          .createQueryBuilder(RectificationLink, 'l')
          .innerJoin(RectificationItem, 'i', 'i.id = l.item_id')
          .where('l.id = :id AND i.site_id = :site', { id, site: site.id })
          .getOne()
      : null;
    if (!link)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `Site "${site.code}" has no rectification link "${id}"`,
      });
    return link;
  }

  private async history(em: EntityManager, itemId: string, actor: string, old: string | null, now: string | null): Promise<void> {
    await em.insert(RectificationHistory, { itemId, at: this.clock.now(), actor, field: 'link', oldValue: old, newValue: now });
  }
}
