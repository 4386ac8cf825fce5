import { CHANNEL_ALERT_KIND, type ChannelTestResult, type ChannelView, type DeliveryView } from '@hallwatch/shared';
import { createHmac } from 'node:crypto';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { NotifyService } from '../../server/src/modules/notify/notify.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { HttpReceiver, SmtpReceiver } from '../support/notify-receivers';
import { waitFor } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

// Each channel against a local receiver started here (never a real service): the receiver
// recomputes the signature from its published definition, checks the payload's documented
// shape, and answers as the test tells it (failures, then success).

const ADMIN_TOKEN = 'notify-admin-token-0123456789abcdef';
const SITE = 'ntfc';
const DING_SECRET = 'SECd1e2a3d4b5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6';
const DING_TOKEN = 'a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const HOOK_SECRET = 'whsec-0123456789abcdef-hallwatch';
const SMTP_PASS = 'smtp-pass-7f3e9a';
const SECRETS = [DING_SECRET, DING_TOKEN, WECOM_KEY, HOOK_SECRET, SMTP_PASS];

describe('notification channels', () => {
  let t: TestApp;
  let site: Site;
  let robot: HttpReceiver;
  let smtp: SmtpReceiver;
  let api: ReturnType<typeof adminApi>;
  const logged: string[] = [];
  const origWrite = process.stdout.write.bind(process.stdout);

  const create = (body: Record<string, unknown>) => api<ChannelView & ErrorBody>('POST', `/sites/${SITE}/notify/channels`, body);
  const test = (id: string) => api<ChannelTestResult>('POST', `/sites/${SITE}/notify/channels/${id}/test`);
  const deliveries = (q = '') => api<DeliveryView[]>('GET', `/sites/${SITE}/notify/deliveries${q}`);
  const count = async (table: string) => Number((await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    // Everything the server logs is kept, to prove no secret is ever in it.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (origWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    robot = await HttpReceiver.start();
    smtp = await SmtpReceiver.start({ user: 'hall', pass: SMTP_PASS });
    t = await startTestApp({
      ADMIN_TOKEN,
      LOG_LEVEL: 'debug',
      NOTIFY_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      NOTIFY_RETRY_BASE_MS: '200',
    });
    site = await makeSite(t.ds, SITE);
    api = adminApi(t.url, ADMIN_TOKEN);
  });
  afterAll(async () => {
    process.stdout.write = origWrite;
    await t.close();
    await robot.close();
    await smtp.close();
  });
  beforeEach(() => {
    robot.hits.length = 0;
    robot.answers = [];
    robot.always = null;
  });

  it('DingTalk: signed as published (the receiver recomputes it), markdown with @mentions; the secrets never come back', async () => {
    const res = await create({
      name: '值班群',
      kind: 'dingtalk',
      secrets: { url: `${robot.base}/robot/send?access_token=${DING_TOKEN}`, secret: DING_SECRET },
    });
    expect(res.status).toBe(201);
    const text = JSON.stringify(res.body);
    for (const s of [DING_SECRET, DING_TOKEN]) expect(text).not.toContain(s);
    expect(res.body.secrets.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/robot\/send ••••/);
    expect(res.body.secrets.secret).toMatch(/^••••/);
    const [row] = await t.ds.query(`SELECT secret_box FROM notify_channels WHERE id = $1`, [res.body.id]);
    for (const s of [DING_SECRET, DING_TOKEN]) expect(row.secret_box).not.toContain(s);

    await t.app.get(NotifyService).enqueue(res.body.id, {
      topic: 'alert.raised',
      siteId: site.id,
      title: '等候超时',
      markdown: '- 公积金 等候 **35 分钟**',
      mentions: { mobiles: ['13800000000'], userIds: ['duty01'] },
    });
    await waitFor(
      async () => robot.hits.length,
      (n) => n === 1,
      10_000,
      'robot hit',
    );
    const hit = robot.hits[0];
    expect(hit.query.get('access_token')).toBe(DING_TOKEN);
    const ts = hit.query.get('timestamp')!;
    expect(Math.abs(Number(ts) - Date.now())).toBeLessThan(60 * 60 * 1000); // DingTalk refuses a timestamp an hour off
    const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    expect(hit.query.get('sign')).toBe(expected); // URLSearchParams has undone the URL-encoding
    expect(hit.body).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: '等候超时' },
      at: { atMobiles: ['13800000000'], atUserIds: ['duty01'], isAtAll: false },
    });
    expect((hit.body.markdown as { text: string }).text).toContain('@13800000000');
  });

  it('WeCom: the key URL, markdown with <@userid>; mobiles go as text with mentioned_mobile_list', async () => {
    const res = await create({ name: '企微群', kind: 'wecom', secrets: { url: `${robot.base}/cgi-bin/webhook/send?key=${WECOM_KEY}` } });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(WECOM_KEY);
    const notify = t.app.get(NotifyService);
    await notify.enqueue(res.body.id, {
      topic: 'alert.raised',
      siteId: site.id,
      title: 'A',
      markdown: '**a**',
      mentions: { userIds: ['zhangsan'] },
    });
    await waitFor(
      async () => robot.hits.length,
      (n) => n === 1,
      10_000,
      'markdown hit',
    );
    await notify.enqueue(res.body.id, {
      topic: 'alert.raised',
      siteId: site.id,
      title: 'B',
      markdown: 'b',
      mentions: { mobiles: ['13900000000'] },
    });
    await waitFor(
      async () => robot.hits.length,
      (n) => n === 2,
      10_000,
      'text hit',
    );
    expect(robot.hits[0].path).toBe('/cgi-bin/webhook/send');
    expect(robot.hits[0].query.get('key')).toBe(WECOM_KEY);
    expect(robot.hits[0].body).toEqual({ msgtype: 'markdown', markdown: { content: '### A\n**a**\n<@zhangsan>' } });
    expect(robot.hits[1].body).toEqual({
      msgtype: 'text',
      text: { content: 'B\nb', mentioned_list: [], mentioned_mobile_list: ['13900000000'] },
    });
  });

  it('webhook: HMAC-SHA256 over `${timestamp}.${body}` verifies, with the delivery id as idempotency key', async () => {
    const res = await create({ name: 'hook', kind: 'webhook', secrets: { url: `${robot.base}/hook`, secret: HOOK_SECRET } });
    expect(res.status).toBe(201);
    const { deliveryId } = await t.app
      .get(NotifyService)
      .enqueue(res.body.id, { topic: 'alert.raised', siteId: site.id, title: 'T', markdown: 'm' });
    await waitFor(
      async () => robot.hits.length,
      (n) => n === 1,
      10_000,
      'webhook hit',
    );
    const hit = robot.hits[0];
    const ts = String(hit.headers['x-hallwatch-timestamp']);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(300);
    const mac = createHmac('sha256', HOOK_SECRET).update(`${ts}.${hit.raw}`).digest('hex');
    expect(hit.headers['x-hallwatch-signature']).toBe(`sha256=${mac}`);
    expect(hit.headers['x-hallwatch-delivery']).toBe(deliveryId);
    expect(hit.body).toMatchObject({ id: deliveryId, topic: 'alert.raised', siteId: site.id, title: 'T', markdown: 'm' });
  });

  it('e-mail: the message arrives at the SMTP server, logged in, the delivery id as Message-ID', async () => {
    const res = await create({
      name: '督查邮箱',
      kind: 'email',
      settings: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        username: 'hall',
        from: 'hallwatch@example.cn',
        to: ['office@example.cn'],
      },
      secrets: { password: SMTP_PASS },
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(SMTP_PASS);
    const answer = await test(res.body.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, status: 250 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: 'hallwatch@example.cn', to: ['office@example.cn'], user: 'hall' });
    expect(smtp.mails[0].raw).toContain(`Message-ID: <${answer.body.deliveryId}@hallwatch>`);
  });

  it('a 500 is retried with backoff and then succeeds; the log shows every attempt and the channel’s answer', async () => {
    const res = await create({ name: 'flaky', kind: 'webhook', secrets: { url: `${robot.base}/flaky`, secret: HOOK_SECRET } });
    robot.answers = [
      { status: 500, body: 'upstream down' },
      { status: 500, body: 'upstream down' },
    ];
    const answer = await test(res.body.id);
    expect(answer.body).toMatchObject({ ok: false, status: 500, answer: 'upstream down' });
    await waitFor(
      async () => robot.hits.length,
      (n) => n === 3,
      15_000,
      'third attempt',
    );
    const log = await waitFor(
      async () => (await deliveries(`?channel=${res.body.id}`)).body,
      (l) => l[0]?.state === 'sent',
      10_000,
      'sent',
    );
    expect(log[0]).toMatchObject({ id: answer.body.deliveryId, state: 'sent', attempts: 3, lastStatus: 200, channelName: 'flaky' });
    const attempts = await t.ds.query(`SELECT ok, status, answer FROM notify_attempts WHERE delivery_id = $1 ORDER BY id`, [
      answer.body.deliveryId,
    ]);
    expect(attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(robot.hits.map((h) => h.headers['x-hallwatch-delivery']))).toEqual(new Set([answer.body.deliveryId]));
  });

  it('a channel that keeps failing is unhealthy and raises its own alert on the wall, until a send succeeds', async () => {
    const res = await create({ name: '坏渠道', kind: 'webhook', secrets: { url: `${robot.base}/down`, secret: HOOK_SECRET } });
    robot.always = { status: 503, body: 'maintenance' };
    await t.app.get(NotifyService).enqueue(res.body.id, { topic: 'alert.raised', siteId: site.id, title: 'x', markdown: 'x' });
    const alertsOf = async () => (await t.app.get(IndicatorsService).snapshot(site)).alerts.filter((a) => a.kind === CHANNEL_ALERT_KIND);
    const raised = await waitFor(alertsOf, (a) => a.length === 1, 15_000, 'channel alert');
    expect(raised[0]).toMatchObject({ id: `${CHANNEL_ALERT_KIND}:${res.body.id}`, site: SITE, severity: 'warning' });
    expect(raised[0].message.zh).toContain('坏渠道');
    const list = await api<ChannelView[]>('GET', `/sites/${SITE}/notify/channels`);
    expect(list.body.find((c) => c.id === res.body.id)).toMatchObject({ health: 'unhealthy', lastError: 'maintenance' });
    robot.always = null;
    await waitFor(alertsOf, (a) => a.length === 0, 20_000, 'alert cleared');
    const after = await api<ChannelView[]>('GET', `/sites/${SITE}/notify/channels`);
    expect(after.body.find((c) => c.id === res.body.id)).toMatchObject({ health: 'healthy', consecutiveFailures: 0 });
  });

  it('over the rate limit, queued messages are merged into one, none dropped', async () => {
    const res = await create({
      name: 'slow robot',
      kind: 'dingtalk',
      ratePerMinute: 2,
      secrets: { url: `${robot.base}/robot/send?access_token=r`, secret: DING_SECRET },
    });
    const notify = t.app.get(NotifyService);
    // Written in one transaction, so all five are queued before the first job runs.
    const ids = await t.ds.transaction(async (em) => {
      const out: string[] = [];
      for (let i = 1; i <= 5; i++)
        out.push(
          (
            await notify.enqueue(
              res.body.id,
              { topic: 'alert.raised', siteId: site.id, title: `告警 ${i}`, markdown: `第 ${i} 条` },
              { manager: em },
            )
          ).deliveryId,
        );
      return out;
    });
    const sent = await waitFor(
      async () => (await deliveries(`?channel=${res.body.id}&state=sent`)).body,
      (l) => l.length === 5,
      15_000,
      'all five sent',
    );
    expect(robot.hits.length).toBeLessThanOrEqual(2);
    const texts = robot.hits.map((h) => (h.body.markdown as { text: string }).text).join('\n');
    for (let i = 1; i <= 5; i++) expect(texts).toContain(`第 ${i} 条`);
    expect(sent.filter((d) => d.batchId !== null).length).toBeGreaterThan(0);
    expect(new Set(sent.map((d) => d.id))).toEqual(new Set(ids));
  });

  it.each([
    ['kind', { name: 'x', kind: 'sms', secrets: {} }],
    ['name', { kind: 'webhook', secrets: { url: 'https://example.cn/h', secret: HOOK_SECRET } }],
    ['secrets.url', { name: 'x', kind: 'webhook', secrets: { secret: HOOK_SECRET } }],
    ['secrets.url', { name: 'x', kind: 'webhook', secrets: { url: 'ftp://example.cn', secret: HOOK_SECRET } }],
    ['secrets.secret', { name: 'x', kind: 'webhook', secrets: { url: 'https://example.cn/h', secret: 'short' } }],
    ['secrets.url', { name: 'x', kind: 'dingtalk', secrets: { url: 'https://oapi.dingtalk.com/robot/send', secret: DING_SECRET } }],
    ['secrets.url', { name: 'x', kind: 'wecom', secrets: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' } }],
    ['secrets.token', { name: 'x', kind: 'wecom', secrets: { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', token: 'x' } }],
    ['settings.to', { name: 'x', kind: 'email', settings: { host: 'smtp.example.cn', from: 'a@example.cn', to: [] } }],
    [
      'settings.to.1',
      { name: 'x', kind: 'email', settings: { host: 'smtp.example.cn', from: 'a@example.cn', to: ['b@example.cn', 'nope'] } },
    ],
    [
      'settings.port',
      { name: 'x', kind: 'email', settings: { host: 'smtp.example.cn', port: 70000, from: 'a@example.cn', to: ['b@example.cn'] } },
    ],
    [
      'settings.host',
      { name: 'x', kind: 'webhook', settings: { host: 'x' }, secrets: { url: 'https://example.cn/h', secret: HOOK_SECRET } },
    ],
    ['ratePerMinute', { name: 'x', kind: 'webhook', ratePerMinute: 0, secrets: { url: 'https://example.cn/h', secret: HOOK_SECRET } }],
  ])('refuses a bad %s with a 400 naming it, storing nothing', async (field, body) => {
    const [channels, audit] = [await count('notify_channels'), await count(`audit_log WHERE action LIKE 'notify.%'`)];
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(await count('notify_channels')).toBe(channels);
    expect(await count(`audit_log WHERE action LIKE 'notify.%'`)).toBe(audit);
  });

  it('edits keep unsent secrets, refuse a change of kind, and are audited without secret values', async () => {
    const res = await create({ name: 'edit me', kind: 'webhook', secrets: { url: `${robot.base}/e`, secret: HOOK_SECRET } });
    const put = (body: Record<string, unknown>) =>
      api<ChannelView & ErrorBody>('PUT', `/sites/${SITE}/notify/channels/${res.body.id}`, body);
    const renamed = await put({ name: '改名', ratePerMinute: 10 });
    expect(renamed.body).toMatchObject({ name: '改名', ratePerMinute: 10, secrets: res.body.secrets });
    expect((await test(res.body.id)).body.ok).toBe(true); // the old secrets still sign
    const bad = await put({ kind: 'email' });
    expect([bad.status, bad.body.field]).toEqual([400, 'kind']);
    const NEW = 'another-secret-of-enough-length';
    const rotated = await put({ secrets: { secret: NEW } });
    expect(rotated.body.secrets.secret).not.toBe(res.body.secrets.secret);
    expect(JSON.stringify(rotated.body)).not.toContain(NEW);
    const missing = await api<ErrorBody>('PUT', `/sites/${SITE}/notify/channels/00000000-0000-4000-8000-000000000000`, { name: 'x' });
    expect(missing.status).toBe(404);
    const audit = await t.ds.query(`SELECT action, details::text AS d FROM audit_log WHERE target = $1 ORDER BY id`, [
      `channel:${res.body.id}`,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'notify.channel.create',
      'notify.channel.update',
      'notify.channel.test',
      'notify.channel.update',
    ]);
    for (const a of audit) for (const s of [HOOK_SECRET, NEW]) expect(a.d).not.toContain(s);
  });

  it('no secret reached the server’s log or any answer of the delivery log', async () => {
    const log = logged.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const s of SECRETS) expect(log).not.toContain(s);
    const all = JSON.stringify((await deliveries('?limit=500')).body);
    for (const s of SECRETS) expect(all).not.toContain(s);
  });
});
