import { DEFAULT_VISIT_POINTS, type VisitPointDef } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/actor';
import { recordAudit } from '../audit/audit-log';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';
import { VisitChecklistDto } from './dtos/visit.dto';
import { VisitPoint } from './entities/visit-point.entity';

/** Each site's checklist for visits: its own list when an admin set one, else the standardisation guide's default. */
@Injectable()
export class VisitChecklistService {
  constructor(private readonly ds: DataSource) {}

  async points(em: EntityManager, siteId: string): Promise<VisitPointDef[]> {
    const own = await em.find(VisitPoint, { where: { siteId }, order: { position: 'ASC' } });
    if (!own.length) return [...DEFAULT_VISIT_POINTS];
    return own.map((p) => ({ code: p.code, label: { zh: p.label, en: p.labelEn ?? p.label } }));
  }

  async read(code: string): Promise<{ site: string; custom: boolean; points: VisitPointDef[] }> {
    const site = await findSite(this.ds.manager, code);
    const custom = await this.ds.getRepository(VisitPoint).existsBy({ siteId: site.id });
    return { site: site.code, custom, points: await this.points(this.ds.manager, site.id) };
  }

  /** Replaces the site's list; an empty list goes back to the default. Visits already judged keep their labels. */
  async set(code: string, by: Actor, input: VisitChecklistDto): Promise<{ site: string; custom: boolean; points: VisitPointDef[] }> {
    const site = await findSite(this.ds.manager, code);
    const seen = new Set<string>();
    input.points.forEach((p, i) => {
      if (seen.has(p.code)) throw badField(`points.${i}.code`, `point "${p.code}" is listed twice`);
      seen.add(p.code);
    });
    await this.ds.transaction(async (em) => {
      const before = await this.points(em, site.id);
      await em.delete(VisitPoint, { siteId: site.id });
      if (input.points.length)
        await em.save(
          input.points.map((p, i) =>
            em.create(VisitPoint, {
              siteId: site.id,
              code: p.code,
              label: p.label.trim(),
              labelEn: p.labelEn?.trim() || null,
              position: i,
            }),
          ),
        );
      await recordAudit(em, {
        action: 'visit.checklist.set',
        by,
        target: `site:${site.code}`,
        site: site.code,
        details: { before: before.map((p) => p.code), after: input.points.map((p) => p.code) },
      });
    });
    return this.read(code);
  }
}
