import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { DemoAccess, demoAccess } from './demo-access';
import { ensureDemoAppeals } from './demo-appeals';
import { ensureDemoCallbacks } from './demo-callbacks';
import { historyRefusal, writeDemoHistory } from './demo-history';
import { ensureDemoPatrol } from './demo-patrol';
import { seedDemo } from './seed-demo';
import { ensureDemoTiers } from './seed-tiers';
import { ensureDemoVisits } from './demo-visits';

/**
 * What `--demo` adds to start-up, on the migrated database: the demo hall when there is no
 * site yet, its patrol rounds, and how a new user gets in (see demoAccess).
 */
export async function prepareDemo(ds: DataSource, config: AppConfig): Promise<DemoAccess | null> {
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM sites');
  if (n === 0 && (await seedDemo(ds))) console.log('Seeded the demo hall (site "huiji")');
  const tiers = await ensureDemoTiers(ds);
  if (tiers) console.log(`Gave ${tiers} town centres and village stations their windows, staff and service items`);
  if (await ensureDemoPatrol(ds.manager)) console.log('Patrol rounds switched on for the demo hall');
  return demoAccess(ds, config);
}

/**
 * On the first start of a demo database (no events yet), the hall's past days before it opens
 * to the live simulator, so that trends, rankings, the desk and the ledger have a history;
 * then its closed follow-ups drawn for 回访核实. The application must be initialised: the history
 * goes through its ingest service and the handlers that react to stored events.
 */
export async function prepareDemoHistory(app: INestApplicationContext, config: AppConfig): Promise<void> {
  await writeHistoryOnce(app, config);
  // The history's closed follow-ups are what 回访核实 draws from, so its page is not empty.
  if (await ensureDemoCallbacks(app.get(DataSource), config, app.get(Clock).now()))
    console.log('Drew the demo hall’s closed follow-ups for 回访核实 (two already called back)');
  // Appeals for the desk to decide and for the departments to follow on their page.
  if (await ensureDemoAppeals(app.get(DataSource), app.get(Clock).now()))
    console.log('Filed the demo hall’s appeals (申诉): some pending on the desk, two already rejected');
  // The office's visits to the towns and villages, for /visits, the overview and the assessment.
  if (await ensureDemoVisits(app.get(DataSource), app.get(Clock).now()))
    console.log('Logged the demo office’s visits (实地督导, 暗访) to the town centres of the last weeks');
}

async function writeHistoryOnce(app: INestApplicationContext, config: AppConfig): Promise<void> {
  if (config.DEMO_HISTORY_DAYS === 0) return;
  const days = config.DEMO_HISTORY_DAYS;
  // A demo database that has been running has its own past: nothing to say.
  if (await historyRefusal(app.get(DataSource))) return;
  console.log(`Writing ${days} days of history for the demo hall…`);
  let said = performance.now();
  const progress = (day: string, done: number, of: number) => {
    if (performance.now() - said < 10_000) return;
    said = performance.now();
    console.log(`demo history: ${done} of ${of} open days written (up to ${day})`);
  };
  const r = await writeDemoHistory(app, { days, now: app.get(Clock).now(), progress });
  if (r.written) console.log(`demo history: ${r.days} days, ${r.events} events in ${r.seconds.toFixed(1)} s`);
  else console.log(`demo history not written: ${r.reason}`);
}
