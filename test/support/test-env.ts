import { randomBytes } from 'node:crypto';

// Tests never touch the `hallwatch` database: every run gets its own databases and
// Redis key prefix, named from a run id that global setup chooses.
export const ADMIN_URL = process.env.HALLWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.HALLWATCH_TEST_REDIS ?? 'redis://127.0.0.1:6379';

export function runId(): string {
  const id = process.env.HALLWATCH_TEST_RUN;
  if (!id) throw new Error('HALLWATCH_TEST_RUN is not set: run the tests through jest (global setup sets it)');
  return id;
}

export const newRunId = () => `hwt_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
export const templateDb = (run: string) => `${run}_template`;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
