// Shared plumbing for benchmarks: a private database per run, the built server as a process.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { Client } = require('pg');

const ROOT = join(__dirname, '..', '..');
const ADMIN = process.env.HALLWATCH_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

async function createBenchDatabase() {
  const name = `hwbench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startServer(databaseUrl, port, env = {}) {
  // As the launchers start it, with the heap limit (docs/operations.md).
  const { serverNodeArgs } = require(join(ROOT, 'server', 'dist', 'core', 'startup', 'heap-limit.js'));
  const proc = spawn(process.execPath, [...serverNodeArgs(), join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: `hwbench-${port}`,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Two minutes: a machine busy with other work starts the server slowly.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health`)).status === 200)
        return {
          url,
          proc,
          stop: () =>
            proc.exitCode !== null || proc.signalCode !== null
              ? Promise.resolve()
              : new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM'))),
        };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error('bench server did not start');
}

/**
 * A private database with the demo hall (huiji) migrated and seeded, and a device key of the hall.
 * `more(ds)` reads or adds what one bench needs before the connection closes; what it returns
 * joins the answer.
 */
async function demoHallDatabase(more = async () => ({})) {
  const db = await createBenchDatabase();
  const { createDataSource, longRunning } = require(join(ROOT, 'server/dist/core/database/data-source.js'));
  const { seedDemo } = require(join(ROOT, 'server/dist/modules/demo/seed-demo.js'));
  const { DeviceKeysService } = require(join(ROOT, 'server/dist/modules/accounts/device-keys/device-keys.service.js'));
  // Migrating and seeding a whole district: no statement time limit.
  const ds = createDataSource(db.url, longRunning());
  await ds.initialize();
  await ds.runMigrations();
  await seedDemo(ds);
  const key = (await new DeviceKeysService(ds).create('huiji', 'bench')).key;
  const extra = await more(ds);
  await ds.destroy();
  return { db, key, ...extra };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A display token of the site, for the walls and sockets a bench opens (nothing is anonymous). */
async function displayToken(ds, site) {
  const { DisplayTokensService } = require(join(ROOT, 'server/dist/modules/accounts/display-tokens.service.js'));
  const { CredentialEvents } = require(join(ROOT, 'server/dist/modules/accounts/credential-events.js'));
  const { Clock } = require(join(ROOT, 'server/dist/core/time/clock.js'));
  return (await new DisplayTokensService(ds, new Clock(), new CredentialEvents()).create(site, 'bench wall', 'bench')).token;
}

module.exports = { ROOT, createBenchDatabase, demoHallDatabase, startServer, percentile, displayToken };
