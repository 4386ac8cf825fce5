import { Injectable, Optional } from '@nestjs/common';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { SiteEvents } from './site-events';
import { DataSource, EntityManager } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import { CreateSiteDto, ListSitesQuery, UpdateSiteDto } from './dtos/site.dto';
import { auditedChange, auditEntry, findSite, setFields } from './registry-change';
import { conflict, isUniqueViolation, siteExists, siteNotFound } from './registry-errors';
import { SiteView, siteView } from './registry-views';
import { applyChanges } from './scoped-store';
import { checkParent } from './site-rules';
import { Site } from './site.entity';

// Sites of the three-tier system: the district hall, its town centres and their village stations.
// Constructed with a DataSource so that the CLI can use it without Nest.
@Injectable()
export class SitesService {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly events?: DomainEventBus<SiteEvents>,
  ) {}

  async listSites(query: ListSitesQuery = {}): Promise<SiteView[]> {
    const qb = this.ds.getRepository(Site).createQueryBuilder('s').leftJoinAndSelect('s.parent', 'p');
    if (query.tier) qb.andWhere('s.tier = :tier', { tier: query.tier });
    if (query.parent) {
      const parent = await findSite(this.ds.manager, query.parent);
      qb.andWhere('s.parent_id = :pid', { pid: parent.id });
    }
    qb.orderBy(`array_position(ARRAY['hall','town','village']::varchar[], s.tier)`).addOrderBy('s.code');
    return (await qb.getMany()).map((s) => siteView(s, s.parent?.code ?? null));
  }

  async getSite(code: string): Promise<SiteView> {
    const site = await this.ds.getRepository(Site).findOne({ where: { code }, relations: { parent: true } });
    if (!site) throw siteNotFound(code);
    return siteView(site, site.parent?.code ?? null);
  }

  async createSite(actor: string, input: CreateSiteDto): Promise<SiteView> {
    return auditedChange(this.ds, this.events, async (em) => {
      if (await em.findOneBy(Site, { code: input.code })) throw siteExists(input.code);
      const parent = input.parent ? await this.parentSite(em, input.parent) : null;
      checkParent(input.tier, parent);
      const row = em.create(Site, {
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        tier: input.tier,
        parentId: parent?.id ?? null,
        ...(input.timezone ? { timezone: input.timezone } : {}),
      });
      const saved = await em.save(row).catch((err: unknown) => {
        throw isUniqueViolation(err) ? siteExists(input.code) : err;
      });
      const view = siteView(await em.findOneByOrFail(Site, { id: saved.id }), parent?.code ?? null);
      return { view, audit: auditEntry(actor, 'create', 'site', saved, input.code, setFields(input)) };
    });
  }

  async updateSite(actor: string, code: string, input: UpdateSiteDto): Promise<SiteView> {
    return auditedChange(this.ds, this.events, async (em) => {
      const site = await findSite(em, code);
      const { parent: parentCode, ...fields } = input;
      const current = site.parentId ? await em.findOneBy(Site, { id: site.parentId }) : null;
      const parent = parentCode === undefined ? current : parentCode === null ? null : await this.parentSite(em, parentCode);
      const changed = applyChanges(site, fields);
      if (changed.includes('tier') && (await em.countBy(Site, { parentId: site.id })) > 0)
        throw conflict(`Site "${code}" has sites under it; move or re-tier them before changing its tier`);
      if (changed.includes('tier') || parentCode !== undefined) checkParent(site.tier, parent);
      if ((parent?.id ?? null) !== site.parentId) {
        site.parentId = parent?.id ?? null;
        changed.push('parent');
      }
      site.parent = undefined; // parentId is the source of truth for the save
      await em.save(site);
      return { view: siteView(site, parent?.code ?? null), audit: auditEntry(actor, 'update', 'site', site, code, changed) };
    });
  }

  private async parentSite(em: EntityManager, code: string): Promise<Site> {
    const site = await em.findOneBy(Site, { code });
    if (!site) throw badField('parent', `parent "${code}" is not a site`);
    return site;
  }
}
