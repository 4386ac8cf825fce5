import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationReport } from './entities/rectification-report.entity';

/** A site's report unless another is named: most halls publish one 巡察整改 report at a time. */
export const DEFAULT_REPORT = 'main';

export const REPORT_REF = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The named site, or the only hall when none is named (a single-hall install needs no --site).
 * Over HTTP the name is the guard's checked site (@RequestSite()), and only an account of
 * every site reaches a handler without one, so a site-limited caller never falls back here.
 */
export async function resolveSite(em: EntityManager, code: string | undefined): Promise<Site> {
  if (code) return findSite(em, code);
  const halls = await em.find(Site, { where: { tier: 'hall' }, order: { code: 'ASC' }, take: 2 });
  if (halls.length === 1) return halls[0];
  throw badField(
    'site',
    halls.length ? 'site is required: there are several hall sites; name one (site=<code>)' : 'site is required: no hall site exists yet',
  );
}

export function reportRef(ref: string | undefined): string {
  if (ref === undefined || ref === '') return DEFAULT_REPORT;
  if (!REPORT_REF.test(ref))
    throw badField('report', 'report must be 1–64 ASCII letters, digits, _ . or -, starting with a letter or digit');
  return ref;
}

export async function findReport(em: EntityManager, site: Site, ref: string): Promise<RectificationReport | null> {
  return em.findOneBy(RectificationReport, { siteId: site.id, ref });
}

/** An item by key ("item-47") or by its bare number ("47"). */
export async function requireItem(em: EntityManager, site: Site, ref: string, keyOrNumber: string): Promise<RectificationItem> {
  const report = await findReport(em, site, ref);
  const key = /^\d+$/.test(keyOrNumber) ? `item-${Number(keyOrNumber)}` : keyOrNumber;
  const item = report ? await em.findOneBy(RectificationItem, { reportId: report.id, key }) : null;
  if (!item)
    throw new NotFoundException({
      statusCode: 404,
      error: 'Not Found',
      message: report
        ? `Report "${ref}" of site "${site.code}" has no item "${keyOrNumber}"`
        : `Site "${site.code}" has no rectification report "${ref}"; import one first`,
    });
  return item;
}
