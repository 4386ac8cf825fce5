import Redis from 'ioredis';
import { Client } from 'pg';
import { ADMIN_URL, REDIS_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.HALLWATCH_TEST_RUN;
  if (!run || process.env.HALLWATCH_TEST_TORN_DOWN) return;
  process.env.HALLWATCH_TEST_TORN_DOWN = '1';
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${run}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
