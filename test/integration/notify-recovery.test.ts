import Redis from 'ioredis';
import { NotifySync } from '../../server/src/modules/notify/jobs/notify-sync.service';
import { NotifyService } from '../../server/src/modules/notify/notify.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { adminApi } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { HttpReceiver } from '../support/notify-receivers';
import { waitFor } from '../support/patrol';
import { PrivateRedis } from '../support/private-redis';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

jest.setTimeout(120_000);

// PostgreSQL's rows are what is due; Redis only wakes workers. A restart, a Redis flush or a
// process that died mid-send loses nothing, and a delivery once recorded as sent is never sent again.

const ADMIN_TOKEN = 'notify-admin-token-0123456789abcdef';
const SECRET = 'whsec-0123456789abcdef-recovery';
const KEY = Buffer.alloc(32, 9).toString('base64');

describe('notify delivery across restarts and Redis flushes', () => {
  let redis: PrivateRedis;
  let client: Redis;
  let db: TestDatabase;
  let receiver: HttpReceiver;
  let t: TestApp | null = null;
  let site: Site;
  let channelId: string;

  const start = (workers: boolean) =>
    startTestApp(
      { REDIS_URL: redis.url, ADMIN_TOKEN, NOTIFY_SECRET_KEY: KEY, NOTIFY_RETRY_BASE_MS: '200', RUN_WORKERS: workers ? 'true' : 'false' },
      { databaseUrl: db.url },
    );
  const stop = async () => {
    await t?.app.close();
    t = null;
  };
  const message = (title: string) => ({ topic: 'alert.raised', siteId: site.id, title, markdown: title });
  const hitsFor = (id: string) => receiver.hits.filter((h) => h.headers['x-hallwatch-delivery'] === id).length;
  const stateOf = async (id: string) => (await t!.ds.query(`SELECT state, attempts FROM notify_deliveries WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    client = new Redis(redis.url);
    db = await createTestDatabase();
    receiver = await HttpReceiver.start();
    t = await start(false);
    site = await makeSite(t.ds, 'ntfr');
    const res = await adminApi(t.url, ADMIN_TOKEN)<{ id: string }>('POST', `/sites/ntfr/notify/channels`, {
      name: 'hook',
      kind: 'webhook',
      secrets: { url: `${receiver.base}/hook`, secret: SECRET },
    });
    channelId = res.body.id;
  });
  afterAll(async () => {
    await stop();
    await db.drop();
    client.disconnect();
    await redis.down();
    await receiver.close();
  });

  it('Redis flushed while the server was down: the start-up rebuild sends every due delivery, once', async () => {
    const a = await t!.app.get(NotifyService).enqueue(channelId, message('a'));
    const b = await t!.app.get(NotifyService).enqueue(channelId, message('b'));
    await stop();
    await client.flushall();
    t = await start(true);
    await waitFor(
      async () => [(await stateOf(a.deliveryId)).state, (await stateOf(b.deliveryId)).state],
      (s) => s.every((x) => x === 'sent'),
      15_000,
      'both sent',
    );
    expect([hitsFor(a.deliveryId), hitsFor(b.deliveryId)]).toEqual([1, 1]);

    // A second restart, and a sweep: sent is final, nothing goes again.
    await stop();
    t = await start(true);
    await t.app.get(NotifySync).sweep();
    await new Promise((r) => setTimeout(r, 1500));
    expect([hitsFor(a.deliveryId), hitsFor(b.deliveryId)]).toEqual([1, 1]);
  });

  it('Redis flushed under a running server: the flush check rebuilds the queue from PostgreSQL', async () => {
    receiver.always = { status: 503, body: 'down' };
    const c = await t!.app.get(NotifyService).enqueue(channelId, message('c'));
    await waitFor(
      () => stateOf(c.deliveryId),
      (s) => s.attempts >= 1,
      10_000,
      'first attempt',
    );
    await client.flushall();
    receiver.always = null;
    await waitFor(
      () => stateOf(c.deliveryId),
      (s) => s.state === 'sent',
      20_000,
      'sent after the rebuild',
    );
  });

  it('a process that died between the send and recording it: the attempt is closed as interrupted and sent again once, same delivery id', async () => {
    // What a process killed mid-send leaves: the row `sending` since before the lease, an open attempt, no job.
    const [{ id }] = await t!.ds.query(
      `INSERT INTO notify_deliveries (channel_id, site_id, topic, message, state, attempts, sending_at, created_at)
       VALUES ($1, $2, 'alert.raised', $3::jsonb, 'sending', 1, now() - interval '2 minutes', now() - interval '2 minutes') RETURNING id`,
      [channelId, site.id, JSON.stringify(message('d'))],
    );
    await t!.ds.query(
      `INSERT INTO notify_attempts (delivery_id, channel_id, at, carried) VALUES ($1, $2, now() - interval '2 minutes', 1)`,
      [id, channelId],
    );
    await t!.app.get(NotifySync).sweep();
    await waitFor(
      () => stateOf(id),
      (s) => s.state === 'sent',
      10_000,
      'resent',
    );
    expect(await stateOf(id)).toEqual({ state: 'sent', attempts: 2 });
    expect(hitsFor(id)).toBe(1);
    const attempts = await t!.ds.query(`SELECT ok, answer FROM notify_attempts WHERE delivery_id = $1 ORDER BY id`, [id]);
    expect(attempts[0]).toMatchObject({ ok: false });
    expect(attempts[0].answer).toMatch(/^interrupted/);
    expect(attempts[1]).toMatchObject({ ok: true });

    // The sweep and the job id: however often the row is swept again, it is not sent again.
    await t!.app.get(NotifySync).sweep();
    await t!.app.get(NotifySync).sweep();
    await new Promise((r) => setTimeout(r, 1000));
    expect(hitsFor(id)).toBe(1);
  });

  it('an attempt under way in another process (its lease still running) is not sent twice', async () => {
    const [{ id }] = await t!.ds.query(
      `INSERT INTO notify_deliveries (channel_id, site_id, topic, message, state, attempts, sending_at, created_at)
       VALUES ($1, $2, 'alert.raised', $3::jsonb, 'sending', 1, now(), now()) RETURNING id`,
      [channelId, site.id, JSON.stringify(message('e'))],
    );
    await t!.app.get(NotifySync).sweep();
    await new Promise((r) => setTimeout(r, 1500));
    expect(hitsFor(id)).toBe(0);
    // The other process records its success: the waiting job then finds it sent and does nothing.
    await t!.ds.query(`UPDATE notify_deliveries SET state = 'sent', sent_at = now(), sending_at = NULL WHERE id = $1`, [id]);
    expect(hitsFor(id)).toBe(0);
  });
});
