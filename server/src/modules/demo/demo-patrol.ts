import { DEFAULT_ROUND_TIMES } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { PatrolSchedule } from '../patrol/entities/patrol-schedule.entity';
import { ensureCheckpoints } from '../patrol/patrol-checkpoints.service';
import { Site } from '../registry/site.entity';
import { DEMO_SITE } from './demo-hall';

/**
 * Patrol on in the demo hall (the report's four rounds a day, every day the demo hall opens),
 * so the wall and the phone page show the feature working. Rounds are planned from now on:
 * the demo does not start with the morning's rounds already missed. A demo hall that has a
 * schedule of its own, even a disabled one, keeps it.
 */
export async function ensureDemoPatrol(em: EntityManager, now: Date = new Date()): Promise<boolean> {
  const site = await em.findOneBy(Site, { code: DEMO_SITE.code });
  if (!site || (await em.existsBy(PatrolSchedule, { siteId: site.id }))) return false;
  await em.save(PatrolSchedule, {
    siteId: site.id,
    enabled: true,
    times: [...DEFAULT_ROUND_TIMES],
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    plannedFrom: now,
  });
  await ensureCheckpoints(em, site.id);
  return true;
}
