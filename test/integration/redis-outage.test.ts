import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { io } from 'socket.io-client';
import { serviceDay } from '../../server/src/core/time/service-day';
import { PatrolNotifier } from '../../server/src/modules/patrol/patrol-notifier';
import { Site } from '../../server/src/modules/registry/site.entity';
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
    // The periodic recompute is put off: only the domain events can move the wall in this test.
    t = await startTestApp({ REDIS_URL: redis.url, LIVE_REFRESH_MS: '600000' });
    await makeSite(t.ds, 'redis1');
    key = await t.deviceKey('redis1');
    wall = await t.displayToken('redis1');
  });
  afterAll(async () => {
    // Right after Redis came back, as the last test leaves it: BullMQ's connections are still
    // waiting to reconnect, and closing them must end them (core/redis/disconnect-while-reconnecting.ts).
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

  it('still moves the wall on this server at once while Redis is down: a batch and a patrol change', async () => {
    const seen: Array<IndicatorUpdate | IndicatorSnapshot> = [];
    const socket = io(`${t.url}/live`, { auth: { token: wall }, transports: ['websocket'] });
    try {
      await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
      socket.on('update', (u: IndicatorUpdate) => seen.push(u));
      socket.on('snapshot', (u: IndicatorSnapshot) => seen.push(u));
      await redis.down();
      await waitFor(
        () => getJson<Health>(`${t.url}/health`),
        (r) => r.status === 503,
      );

      const res = await postEvents(t.url, key, ev('ticket.issued', { ticket: 'R2', department: 'd1', channel: 'walk_in' }));
      expect(res.body.results[0].status).toBe('accepted');
      await waitFor(
        async () => seen.some((u) => u.values['queue.waiting'] === 2),
        (ok) => ok,
      );
      expect(seen.some((u) => u.values['queue.waiting'] === 2)).toBe(true);

      // A round falls due with no event (as the patrol scheduler does): site.changed, delivered locally.
      const site = (await t.ds.getRepository(Site).findOneBy({ code: 'redis1' }))!;
      const now = t.clock.now();
      await t.ds.query(
        `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state)
         VALUES ($1, $2, 1, 'r1', '09:00', $3, $3, $3, 'due')`,
        [site.id, serviceDay(now, site.timezone), now],
      );
      await t.app.get(PatrolNotifier).siteChanged(site.id);
      await waitFor(
        async () => seen.some((u) => u.values['patrol.rounds.due'] === 1),
        (ok) => ok,
      );
      expect(seen.some((u) => u.values['patrol.rounds.due'] === 1)).toBe(true);
    } finally {
      socket.close();
      await redis.up();
    }
  });
});
