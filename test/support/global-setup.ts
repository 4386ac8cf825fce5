import { Client } from 'pg';
import { createDataSource, longRunning } from '../../server/src/core/database/data-source';
import { ADMIN_URL, databaseUrl, newRunId, templateDb } from './test-env';

// One migrated template database per run; each test file clones it (fast) and drops its clone.
export default async function globalSetup(): Promise<void> {
  if (process.env.HALLWATCH_TEST_RUN) return; // set by the first project's setup
  const run = newRunId();
  process.env.HALLWATCH_TEST_RUN = run;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDb(run)}"`);
  await admin.end();
  const ds = createDataSource(databaseUrl(templateDb(run)), longRunning());
  await ds.initialize();
  await ds.runMigrations({ transaction: 'all' });
  await ds.destroy();
}
