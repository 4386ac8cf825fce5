import { type OutgoingMessage, QueueName } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { BadRequestException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NotifyService } from '../../server/src/modules/notify/notify.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/patrol';

jest.setTimeout(60_000);

// The contract other features send through: a delivery row written in the caller's
// transaction, one per dedupe key, and its job (id = delivery id) queued only after commit.

describe('NotifyService.enqueue', () => {
  let t: TestApp;
  let site: Site;
  let notify: NotifyService;
  let queue: Queue;
  let channelId: string;
  const message = (title: string): OutgoingMessage => ({ topic: 'alert.raised', siteId: site.id, title, markdown: `**${title}**` });
  const jobState = (id: string) => queue.getJobState(id);
  const rows = async (where = 'TRUE', args: unknown[] = []) =>
    Number((await t.ds.query(`SELECT count(*)::int AS n FROM notify_deliveries WHERE ${where}`, args))[0].n);

  beforeAll(async () => {
    // Without a worker the jobs stay where enqueue put them, so the test can see them.
    t = await startTestApp({ RUN_WORKERS: 'false' });
    site = await makeSite(t.ds, 'ntfq');
    notify = t.app.get(NotifyService);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Notify));
    [{ id: channelId }] = await t.ds.query(
      `INSERT INTO notify_channels (site_id, name, kind, secret_box, created_at, updated_at, updated_by)
       VALUES ($1, 'test', 'webhook', 'none', now(), now(), 'test') RETURNING id`,
      [site.id],
    );
  });
  afterAll(() => t.close());

  it('writes a queued delivery and queues its job under the delivery id', async () => {
    const r = await notify.enqueue(channelId, message('one'));
    expect(r.duplicate).toBe(false);
    expect(await rows(`id = $1 AND state = 'queued' AND site_id = $2`, [r.deliveryId, site.id])).toBe(1);
    await waitFor(
      () => jobState(r.deliveryId),
      (s) => s === 'waiting',
      5000,
      'job queued',
    );
  });

  it('queues the job only once the caller commits, and nothing when it rolls back', async () => {
    let inside = '';
    await t.ds.transaction(async (em) => {
      inside = (await notify.enqueue(channelId, message('two'), { manager: em })).deliveryId;
      expect(await rows(`id = $1`, [inside])).toBe(0); // not visible outside the transaction yet
      await new Promise((r) => setTimeout(r, 300));
      expect(await jobState(inside)).toBe('unknown');
    });
    await waitFor(
      () => jobState(inside),
      (s) => s === 'waiting',
      5000,
      'job after commit',
    );

    let rolledBack = '';
    await expect(
      t.ds.transaction(async (em) => {
        rolledBack = (await notify.enqueue(channelId, message('three'), { manager: em })).deliveryId;
        throw new Error('caller fails');
      }),
    ).rejects.toThrow('caller fails');
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows(`id = $1`, [rolledBack])).toBe(0);
    expect(await jobState(rolledBack)).toBe('unknown');
  });

  it('is idempotent on the dedupe key, inside and outside transactions', async () => {
    const first = await notify.enqueue(channelId, message('four'), { dedupeKey: 'alert:x:1' });
    const again = await notify.enqueue(channelId, message('four again'), { dedupeKey: 'alert:x:1' });
    const inTx = await t.ds.transaction((em) => notify.enqueue(channelId, message('four tx'), { dedupeKey: 'alert:x:1', manager: em }));
    expect(again).toEqual({ deliveryId: first.deliveryId, duplicate: true });
    expect(inTx).toEqual({ deliveryId: first.deliveryId, duplicate: true });
    expect(await rows(`dedupe_key = 'alert:x:1'`)).toBe(1);
  });

  it.each([
    ['message.topic', { topic: 'Bad Topic!' }],
    ['message.siteId', { siteId: 'huiji' }],
    ['message.title', { title: '' }],
    ['message.markdown', { markdown: 'x'.repeat(4001) }],
    ['message.mentions.mobiles', { mentions: { mobiles: [''] } }],
  ])('refuses a bad %s with a 400 naming it, storing nothing', async (field, change) => {
    const before = await rows();
    const err = await notify.enqueue(channelId, { ...message('bad'), ...change } as OutgoingMessage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestException);
    expect((err as BadRequestException).getResponse()).toMatchObject({ field });
    expect(await rows()).toBe(before);
  });

  it('refuses an unknown channel, naming channelId', async () => {
    const err = await notify.enqueue('00000000-0000-4000-8000-000000000000', message('x')).catch((e: unknown) => e);
    expect((err as { getResponse(): unknown }).getResponse()).toMatchObject({ statusCode: 404, field: 'channelId' });
  });
});
