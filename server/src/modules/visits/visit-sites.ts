import { NotFoundException } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';

/** The visited site and the town that answers for it: a town centre answers for itself, a village station's town for it. */
export interface VisitTarget {
  site: Site;
  town: Site;
}

/** A town centre or village station of the office's district; anything else is refused naming `site`. */
export async function visitTarget(em: EntityManager, office: Site, code: string): Promise<VisitTarget> {
  const site = await em.findOneBy(Site, { code });
  if (!site) throw badField('target', `site "${code}" does not exist`);
  if (site.tier === 'town' && site.parentId === office.id) return { site, town: site };
  if (site.tier === 'village' && site.parentId) {
    const town = await em.findOneBy(Site, { id: site.parentId });
    if (town?.tier === 'town' && town.parentId === office.id) return { site, town };
  }
  throw badField('target', `site must be a town centre or village station of ${office.code}; "${code}" is a ${site.tier} elsewhere`);
}

/** The district hall whose office plans visits; a town centre reads its own visits. */
export async function visitScope(em: EntityManager, code: string): Promise<Site> {
  const site = await findSite(em, code);
  if (site.tier === 'village')
    throw new NotFoundException({
      statusCode: 404,
      error: 'Not Found',
      field: 'site',
      message: `"${code}" is a village station; visits are read at its town or district hall`,
    });
  return site;
}

export async function sitesById(em: EntityManager, ids: string[]): Promise<Map<string, Site>> {
  if (!ids.length) return new Map();
  const rows = await em.find(Site, { where: { id: In([...new Set(ids)]) } });
  return new Map(rows.map((s) => [s.id, s]));
}
