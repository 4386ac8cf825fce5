import { randomBytes } from 'node:crypto';
import { SHARED_THROTTLE_TIMING } from '../../server/src/core/auth/shared-throttle-storage';
import { ev, makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { waitFor } from '../support/patrol';
import { PrivateRedis } from '../support/private-redis';
import { startTestApp, TestApp } from '../support/test-app';
import { runId } from '../support/test-env';

jest.setTimeout(90_000);

// The ingest limit (INGEST_RATE_PER_MINUTE per device key) behind a load balancer: the
// instances share one count through Redis, and while Redis is away each instance counts on
// its own, so ingest keeps answering (docs/contracts/reliability.md).

const LIMIT = 3;
const prefix = () => `${runId()}:${randomBytes(3).toString('hex')}`;
const ticket = (n: string) => ev('ticket.issued', { ticket: n, department: 'd1', channel: 'walk_in' });

/** Two server instances on one database and one Redis prefix, as behind a load balancer. */
async function twoInstances(env: Record<string, string> = {}): Promise<[TestApp, TestApp]> {
  const shared = { INGEST_RATE_PER_MINUTE: String(LIMIT), REDIS_PREFIX: prefix(), ...env };
  const a = await startTestApp(shared);
  const b = await startTestApp(shared, { databaseUrl: a.config.DATABASE_URL });
  return [a, b];
}

async function statuses(urls: string[], key: string): Promise<number[]> {
  const out: number[] = [];
  for (const url of urls) out.push((await postEvents(url, key, ticket(`T${randomBytes(3).toString('hex')}`))).status);
  return out;
}

const storedTickets = async (t: TestApp): Promise<number> =>
  (await t.ds.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.issued'`))[0].n;

describe('the ingest rate limit with Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    [a, b] = await twoInstances();
    await makeSite(a.ds, 'rl1');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('holds across two instances: the fourth request in a minute is refused, whichever instance gets it', async () => {
    const key = await a.deviceKey('rl1');
    expect(await statuses([a.url, b.url, a.url], key)).toEqual([200, 200, 200]);
    const before = await storedTickets(a);
    const refused = await postEvents(b.url, key, ticket('OVER'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after-ingest'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after-ingest'))).toBeLessThanOrEqual(60);
    // The standard header too, which devices read.
    expect(refused.headers.get('retry-after')).toBe(refused.headers.get('retry-after-ingest'));
    expect(refused.body.message).toMatch(/Too many requests/);
    expect(await storedTickets(a)).toBe(before);
    expect((await postEvents(a.url, key, ticket('OVER2'))).status).toBe(429);
  });

  it('counts each device key on its own', async () => {
    const other = await a.deviceKey('rl1');
    expect(await statuses([b.url, a.url, b.url], other)).toEqual([200, 200, 200]);
  });

  it('counts a malformed request against its key, and never lets another client use up a key', async () => {
    const key = await a.deviceKey('rl1');
    const empty = await postEvents(a.url, key, { events: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('events');
    // Refused before the limit is counted: a wrong key and no key cost the real key nothing.
    expect((await postEvents(b.url, `${key}x`, ticket('BAD'))).status).toBe(401);
    expect((await postEvents(b.url, null, ticket('NONE'))).status).toBe(401);
    expect(await statuses([b.url, a.url, b.url], key)).toEqual([200, 200, 429]);
    // Past the limit a malformed request is refused for the rate, not read.
    expect((await postEvents(a.url, key, { events: [] })).status).toBe(429);
  });

  it('turns off at INGEST_RATE_PER_MINUTE=0', async () => {
    const [c, d] = await twoInstances({ INGEST_RATE_PER_MINUTE: '0' });
    try {
      await makeSite(c.ds, 'rl0');
      const key = await c.deviceKey('rl0');
      expect(await statuses([c.url, d.url, c.url, d.url, c.url], key)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await d.close();
      await c.close();
    }
  });
});

describe('the ingest rate limit while Redis is away', () => {
  let redis: PrivateRedis;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    [a, b] = await twoInstances({ REDIS_URL: redis.url });
    await makeSite(a.ds, 'rl2');
  });
  afterAll(async () => {
    redis?.resume();
    await b?.close();
    await a?.close();
    await redis?.down();
  });

  it('with Redis down, each instance counts on its own and ingest still accepts', async () => {
    const key = await a.deviceKey('rl2');
    await redis.down();
    await waitFor(
      async () => (await getJson(`${a.url}/health`)).status,
      (s) => s === 503,
      15_000,
      'Redis seen down',
    );
    const before = await storedTickets(a);
    const accepted = await postEvents(a.url, key, ticket('DOWN-1'));
    expect(accepted.status).toBe(200);
    expect(accepted.body.results[0].status).toBe('accepted');
    expect(await statuses([a.url, a.url, a.url], key)).toEqual([200, 200, 429]);
    expect(await statuses([b.url, b.url, b.url, b.url], key)).toEqual([200, 200, 200, 429]);
    expect(await storedTickets(a)).toBe(before + 2 * LIMIT);
  });

  it('once Redis is back, the instances share one count again', async () => {
    await redis.up();
    for (const t of [a, b])
      await waitFor(
        async () => (await getJson(`${t.url}/health`)).status,
        (s) => s === 200,
        15_000,
        'Redis back',
      );
    // Each instance asks Redis again once the interval it counted alone for has passed.
    await new Promise((r) => setTimeout(r, SHARED_THROTTLE_TIMING.retryMs + 200));
    const key = await a.deviceKey('rl2');
    expect(await statuses([a.url, b.url, a.url, b.url], key)).toEqual([200, 200, 200, 429]);
  });

  it('with Redis stalled (connected, not answering), ingest answers without waiting on it', async () => {
    const key = await a.deviceKey('rl2');
    redis.pause();
    const started = Date.now();
    expect(await statuses([a.url, a.url, a.url, a.url], key)).toEqual([200, 200, 200, 429]);
    expect(Date.now() - started).toBeLessThan(5_000);
    redis.resume();
  }, 20_000);
});
