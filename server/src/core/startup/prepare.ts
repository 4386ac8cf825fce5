import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createDataSource, databaseTimeouts, longRunning } from '../database/data-source';
import { ensureDatabase } from '../database/ensure-database';

const HOW_TO_START = 'Start it with `docker compose up -d postgres redis`, or on this machine with:';

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Checks PostgreSQL and Redis, creates and migrates the database: a clear message instead of a
 * stack trace. `afterMigrations` runs on the migrated database before it is closed (the demo
 * seeds its hall there); its answer is returned, null without one.
 */
export async function prepare<T>(config: AppConfig, afterMigrations?: (ds: DataSource) => Promise<T>): Promise<T | null> {
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
    return afterMigrations ? await afterMigrations(ds) : null;
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
