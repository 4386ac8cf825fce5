import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createDataSource, databaseTimeouts, longRunning } from '../database/data-source';
import { ensureDatabase } from '../database/ensure-database';
import { DemoAccess, demoAccess } from '../../modules/demo/demo-access';
import { seedDemo } from '../../modules/demo/seed-demo';
import { ensureDemoPatrol } from '../../modules/demo/demo-patrol';

const HOW_TO_START = 'Start it with `docker compose up -d postgres redis`, or on this machine with:';

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Checks PostgreSQL and Redis, creates and migrates the database: a clear message instead of a
 * stack trace. For the demo, answers how a new user gets in (see demoAccess).
 */
export async function prepare(config: AppConfig, opts: { seedDemoWhenEmpty: boolean }): Promise<DemoAccess | null> {
  try {
    const created = await ensureDatabase(config.DATABASE_URL);
    if (created) console.log(`Created database at ${redact(config.DATABASE_URL)}`);
  } catch (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${redact(config.DATABASE_URL)} (${(err as Error).message}).\n` +
        `${HOW_TO_START}\n  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
        `Or point DATABASE_URL at your server.`,
      { cause: err },
    );
  }
  await checkRedis(config.REDIS_URL);
  // Migrations may rewrite a large table (partitioning the events did): no time limit here.
  const ds = createDataSource(config.DATABASE_URL, longRunning(databaseTimeouts(config)));
  await ds.initialize();
  try {
    if (config.RUN_MIGRATIONS) {
      const ran = await ds.runMigrations({ transaction: 'all' });
      if (ran.length) console.log(`Applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
    }
    if (opts.seedDemoWhenEmpty) {
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM sites');
      if (n === 0 && (await seedDemo(ds))) console.log('Seeded the demo hall (site "huiji")');
      if (await ensureDemoPatrol(ds.manager)) console.log('Patrol rounds switched on for the demo hall');
      return await demoAccess(ds, config);
    }
    return null;
  } finally {
    await ds.destroy();
  }
}

async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(
      `Cannot reach Redis at ${redact(url)} (${(err as Error).message || 'connection refused'}).\n` +
        `${HOW_TO_START}\n  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n` +
        `Or point REDIS_URL at your server.`,
      { cause: err },
    );
  } finally {
    client.disconnect();
  }
}
