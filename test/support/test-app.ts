import { WorkerHost } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory';
import { AppConfig, loadConfig } from '../../server/src/core/config/app-config';
import { registeredQueues } from '../../server/src/core/queue/registered-queues';
import { Clock } from '../../server/src/core/time/clock';
import { DisplayTokensService } from '../../server/src/modules/accounts/display-tokens.service';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { createTestDatabase } from './test-db';
import { REDIS_URL, runId } from './test-env';
import { pinnedNow } from './test-clock';

export interface TestApp {
  app: INestApplication;
  url: string;
  ds: DataSource;
  config: AppConfig;
  clock: Clock;
  deviceKey(site: string): Promise<string>;
  /** A display token of the site (read-only, as a wall TV carries), issued once per site and app. */
  displayToken(site: string): Promise<string>;
  close(): Promise<void>;
}

const SLOW_CLOSE_MS = 20_000;

/**
 * A close that has not finished in 20 s is stuck on something (the server's own log is silenced
 * in tests): says what the process is still holding, so that a hook timing out in a long run tells why.
 */
function reportSlowClose(app: INestApplication, ds: DataSource): void {
  const pool = (ds.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  const held = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) held.set(r, (held.get(r) ?? 0) + 1);
  // BullMQ's workers and queues close in the last shutdown hooks: which of them has not?
  const workers = app
    .get(DiscoveryService)
    .getProviders()
    .map((w) => w.instance as unknown)
    .filter((i): i is WorkerHost => i instanceof WorkerHost)
    .flatMap((host) => {
      try {
        const w = host.worker;
        return (w as unknown as { closed?: boolean }).closed ? [] : [`${w.name} (running ${w.isRunning()})`];
      } catch {
        return [];
      }
    });
  const queues = [...registeredQueues(app.get(ModuleRef))].map(
    ([name, q]) => `${name}: ${(q as unknown as { closing?: unknown }).closing ? 'closing' : 'open'}`,
  );
  console.warn(
    `test app still closing after ${SLOW_CLOSE_MS / 1000} s; database pool ${pool ? `total ${pool.totalCount}, idle ${pool.idleCount}, waiting ${pool.waitingCount}` : 'gone'}; active resources ${JSON.stringify(Object.fromEntries(held))}; workers not closed: ${workers.join(', ') || 'none'}; queues: ${queues.join(', ')}`,
  );
}

/** The real server in-process on a free port, on its own database and Redis prefix. */
/** `databaseUrl` runs against a database the caller owns (and drops); otherwise a fresh one is made. */
export async function startTestApp(env: Record<string, string> = {}, opts: { databaseUrl?: string } = {}): Promise<TestApp> {
  const db = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: `${runId()}:${randomBytes(3).toString('hex')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    RUN_MIGRATIONS: 'false',
    ...env,
  });
  const app = await createApp(config);
  // A run pinned to a moment (HALLWATCH_TEST_NOW) starts the server's clock there; time passes on
  // from it, and a test that sets the clock itself still does.
  const pinned = pinnedNow();
  if (pinned && !config.FIXED_CLOCK) app.get(Clock).setNow(pinned);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const ds = app.get(DataSource);
  const displayTokens = new Map<string, Promise<string>>();
  const displayToken = (site: string): Promise<string> => {
    if (!displayTokens.has(site))
      displayTokens.set(
        site,
        app
          .get(DisplayTokensService)
          .create(site, 'test wall', 'test')
          .then((t) => {
            if (!t) throw new Error(`no site "${site}" for a display token`);
            return t.token;
          }),
      );
    return displayTokens.get(site)!;
  };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    ds,
    config,
    clock: app.get(Clock),
    deviceKey: async (site) => (await new DeviceKeysService(ds).create(site, 'test')).key,
    displayToken,
    close: async () => {
      const slow = setTimeout(() => reportSlowClose(app, ds), SLOW_CLOSE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(slow);
      }
      await db.drop();
    },
  };
}
