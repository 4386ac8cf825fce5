import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DemoAccess, demoAccess } from './demo-access';
import { ensureDemoPatrol } from './demo-patrol';
import { seedDemo } from './seed-demo';

/**
 * What `--demo` adds to start-up, on the migrated database: the demo hall when there is no
 * site yet, its patrol rounds, and how a new user gets in (see demoAccess).
 */
export async function prepareDemo(ds: DataSource, config: AppConfig): Promise<DemoAccess | null> {
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM sites');
  if (n === 0 && (await seedDemo(ds))) console.log('Seeded the demo hall (site "huiji")');
  if (await ensureDemoPatrol(ds.manager)) console.log('Patrol rounds switched on for the demo hall');
  return demoAccess(ds, config);
}
