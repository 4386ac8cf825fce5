import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createDataSource, longRunning } from '../../server/src/core/database/data-source';
import { launchBrowser } from './browser';
import { ServerProcess, startServerProcess } from './server-process';
import { createTestDatabase, TestDatabase } from './test-db';

/** What a browser test drives: its own database, the built server on it, and Chromium. */
export interface BrowserHarness {
  db: TestDatabase;
  /** Open on the test database, to seed it and to read what the server stored. */
  ds: DataSource;
  /** A test that restarts the server puts the new process here, so that `close` stops that one. */
  server: ServerProcess;
  browser: Browser;
  close(): Promise<void>;
}

/** A fresh test database that `seed` fills before the server (with `env`) starts on it, and a browser. */
export async function startBrowserHarness(
  seed: (ds: DataSource) => Promise<unknown>,
  env: Record<string, string> = {},
): Promise<BrowserHarness> {
  const db = await createTestDatabase();
  // Seeding writes months of history in a few statements: long by nature, like a migration, so on a
  // loaded machine it must not meet the statement limit meant for requests.
  const h = { db, ds: createDataSource(db.url, longRunning()) } as BrowserHarness;
  h.close = async () => {
    await h.browser?.close();
    await h.server?.stop();
    if (h.ds.isInitialized) await h.ds.destroy();
    await db.drop();
  };
  try {
    await h.ds.initialize();
    await seed(h.ds);
    // Side by side: each waits mostly on its own process starting.
    const [server, browser] = await Promise.allSettled([startServerProcess(db.url, env), launchBrowser()]);
    if (server.status === 'fulfilled') h.server = server.value;
    if (browser.status === 'fulfilled') h.browser = browser.value;
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') throw browser.reason;
    return h;
  } catch (err) {
    // The test's afterAll never gets a harness that failed to start: nothing of it may stay running.
    await h.close();
    throw err;
  }
}
