import { IndicatorSnapshot } from '@hallwatch/shared';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { PrivateRedis } from '../support/private-redis';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

type Health = { status: string; details: Record<string, { status: string; message?: string }> };

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Redis outage', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let key: string;
  let wall: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
    await makeSite(t.ds, 'redis1');
    key = await t.deviceKey('redis1');
    wall = await t.displayToken('redis1');
  });
  afterAll(async () => {
    await t.close();
    await redis.down();
  });

  it('turns /health to 503 naming Redis, keeps ingest working, and recovers without a restart', async () => {
    expect((await getJson<Health>(`${t.url}/health`)).status).toBe(200);
    await redis.down();

    const down = await waitFor(
      () => getJson<Health>(`${t.url}/health`),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body.details.redis.status).toBe('down');
    expect(down.body.details.redis.message).toMatch(/Redis unreachable/);
    expect(down.body.details.database.status).toBe('up');

    // Ingest and the indicators live on PostgreSQL alone.
    const res = await postEvents(t.url, key, ev('ticket.issued', { ticket: 'R1', department: 'd1', channel: 'walk_in' }));
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe('accepted');
    const snap = await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/redis1/indicators`, bearer(wall));
    expect(snap.body.values['queue.waiting']).toBe(1);

    await redis.up();
    const up = await waitFor(
      () => getJson<Health>(`${t.url}/health`),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
  });
});
