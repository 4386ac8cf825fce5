import { DataSource, EntityManager, In } from 'typeorm';
import { Department } from '../registry/department.entity';
import { HallWindow } from '../registry/hall-window.entity';
import { ServiceItem } from '../registry/service-item.entity';
import { Site } from '../registry/site.entity';
import { StaffMember } from '../registry/staff-member.entity';
import { DEMO_SITE } from './demo-hall';
import { DEMO_HOURS, DEMO_LUNCH_BREAK } from './seed-demo';
import { tierLayout } from './tier-layout';

/** The demo district's town centres and village stations, under the demo hall, in code order. */
export async function demoTierSites(em: EntityManager): Promise<Site[]> {
  const hall = await em.findOneBy(Site, { code: DEMO_SITE.code });
  if (!hall) return [];
  const towns = await em.find(Site, { where: { parentId: hall.id, tier: 'town' }, order: { code: 'ASC' } });
  const villages = towns.length ? await em.find(Site, { where: { parentId: In(towns.map((t) => t.id)), tier: 'village' } }) : [];
  return [...towns, ...villages].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * Gives every demo town centre and village station that has no registry yet its own: windows,
 * staff, service items and the demo's hours. A demo database seeded before the tiers had data
 * gets them at its next start; one whose sites were given a registry by hand keeps it.
 */
export async function ensureDemoTiers(ds: DataSource): Promise<number> {
  return ds.transaction(async (em) => {
    const sites = await demoTierSites(em);
    if (!sites.length) return 0;
    const ids = sites.map((s) => s.id);
    const held = new Set(
      (
        await em
          .createQueryBuilder(HallWindow, 'w')
          .select('DISTINCT w.site_id', 'site')
          .where({ siteId: In(ids) })
          .getRawMany<{ site: string }>()
      ).map((r) => r.site),
    );
    let seeded = 0;
    for (const site of sites) {
      if (held.has(site.id) || site.tier === 'hall') continue;
      await seedTierSite(em, site);
      seeded++;
    }
    return seeded;
  });
}

/** One town centre's or village station's registry (windows, staff, service items, the demo's hours). */
export async function seedTierSite(em: EntityManager, site: Site): Promise<void> {
  const layout = tierLayout(site.code, site.tier === 'town' ? 'town' : 'village');
  if (!site.settings.hours)
    await em.update(Site, { id: site.id }, { settings: { ...site.settings, hours: DEMO_HOURS, lunchBreak: DEMO_LUNCH_BREAK } });
  const siteId = site.id;
  await em.upsert(
    Department,
    layout.departments.map((d) => ({ siteId, code: d.code, name: d.name, nameEn: d.nameEn, waitTargetSec: null })),
    ['siteId', 'code'],
  );
  await em.insert(
    HallWindow,
    layout.windows.map((w) => ({ siteId, code: w.code, number: w.number, departmentCode: w.department, kind: w.kind, isOpen: w.isOpen })),
  );
  await em.upsert(
    StaffMember,
    layout.staff.map((s) => ({ siteId, code: s.code, name: s.name, departmentCode: s.department, onRoster: true })),
    ['siteId', 'code'],
  );
  await em.upsert(
    ServiceItem,
    layout.items.map((i) => ({ siteId, code: i.code, name: i.name, departmentCode: i.department, negativeList: false })),
    ['siteId', 'code'],
  );
}
