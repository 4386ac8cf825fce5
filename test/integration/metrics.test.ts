import { QueueName } from '@hallwatch/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { loadConfig } from '../../server/src/core/config/app-config';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { PrivateRedis } from '../support/private-redis';
import { parsePrometheusText, Sample, valueOf } from '../support/prometheus-text';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

// /metrics for Prometheus and /health/live, /health/ready for orchestrators (docs/operations.md).

jest.setTimeout(60_000);

const TOKEN = 'metrics-token-for-the-test-0123456789';

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return parsePrometheusText(await res.text()).samples;
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('metrics and health, default settings (this machine may scrape)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    // With the dashboard served, so that its page fallback is in play.
    t = await startTestApp({ DASHBOARD_DIR });
    await makeSite(t.ds, 'met1');
    key = await t.deviceKey('met1');
  });
  afterAll(() => t.close());

  it('serves Prometheus text with the process metrics and every queue, all named hallwatch_', async () => {
    const res = await fetch(`${t.url}/metrics`);
    const { samples, types } = parsePrometheusText(await res.text());
    expect(types.get('hallwatch_process_cpu_seconds_total')).toBe('counter');
    expect(types.get('hallwatch_ingest_events_total')).toBe('counter');
    expect(types.get('hallwatch_ingest_batch_size')).toBe('histogram');
    expect(types.get('hallwatch_http_requests_total')).toBe('counter');
    expect(samples.every((s) => s.name.startsWith('hallwatch_'))).toBe(true);
    expect(valueOf(samples, 'hallwatch_queue_counts_up')).toBe(1);
    const queues = new Set(samples.filter((s) => s.name === 'hallwatch_queue_jobs').map((s) => s.labels.queue));
    expect([...queues].sort()).toEqual(Object.values(QueueName).sort());
    expect(
      samples
        .filter((s) => s.name === 'hallwatch_queue_jobs' && s.labels.queue === 'patrol')
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['delayed', 'failed', 'waiting']);
  });

  it('moves the ingest counters by type and result, and the batch size, with an ingested batch', async () => {
    const before = await scrape(t.url);
    const first = ev('ticket.issued', { ticket: 'M1', department: 'd1', channel: 'walk_in' });
    const batch = {
      events: [
        first,
        ev('ticket.issued', { ticket: 'M2', department: 'd1', channel: 'walk_in' }),
        first,
        { id: 'm-bad', type: 'ticket.issued', occurredAt: new Date().toISOString(), data: { department: 'd1' } },
        { id: 'm-odd', type: 'no.such.type', occurredAt: new Date().toISOString(), data: {} },
      ],
    };
    const res = await postEvents(t.url, key, batch);
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'rejected', 'rejected']);
    const after = await scrape(t.url);
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('hallwatch_ingest_events_total', { type: 'ticket.issued', result: 'accepted' })).toBe(2);
    expect(moved('hallwatch_ingest_events_total', { type: 'ticket.issued', result: 'duplicate' })).toBe(1);
    expect(moved('hallwatch_ingest_events_total', { type: 'ticket.issued', result: 'rejected' })).toBe(1);
    // A type outside the contract is counted, under one label whatever was sent.
    expect(moved('hallwatch_ingest_events_total', { type: 'invalid', result: 'rejected' })).toBe(1);
    expect(after.some((s) => s.labels.type === 'no.such.type')).toBe(false);
    expect(moved('hallwatch_ingest_batch_size_count')).toBe(1);
    expect(moved('hallwatch_ingest_batch_size_sum')).toBe(5);
    expect(moved('hallwatch_ingest_batch_size_bucket', { le: '5' })).toBe(1);
    expect(moved('hallwatch_ingest_batch_size_bucket', { le: '1' })).toBe(0);
    expect(moved('hallwatch_ingest_batch_duration_seconds_count')).toBe(1);
  });

  it('counts HTTP requests by route template and status, never by the raw path', async () => {
    const wall = await t.displayToken('met1');
    const before = await scrape(t.url);
    expect((await getJson(`${t.url}/api/v1/sites/met1/indicators`, bearer(wall))).status).toBe(200);
    expect((await postEvents(t.url, null, { events: [] })).status).toBe(401);
    const after = await scrape(t.url);
    const moved = (labels: Record<string, string>) =>
      valueOf(after, 'hallwatch_http_requests_total', labels) - valueOf(before, 'hallwatch_http_requests_total', labels);
    expect(moved({ method: 'GET', route: '/api/v1/sites/:site/indicators', status: '200' })).toBe(1);
    expect(moved({ method: 'POST', route: '/api/v1/events', status: '401' })).toBe(1);
    expect(after.some((s) => s.labels.route?.includes('met1'))).toBe(false);
  });

  it('counts the live path: walls by tier, pushes and their lag behind the batch, the read gate’s queue', async () => {
    const before = await scrape(t.url);
    expect(valueOf(before, 'hallwatch_live_clients', { watch: 'wall', tier: 'hall' })).toBe(0);
    const socket = io(`${t.url}/live`, { auth: { site: 'met1', token: await t.displayToken('met1') }, transports: ['websocket'] });
    try {
      await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
      const pushed = new Promise<void>((resolve) => socket.once('update', () => resolve()));
      const res = await postEvents(t.url, key, ev('ticket.issued', { ticket: 'L1', department: 'd1', channel: 'walk_in' }));
      expect(res.body.results[0].status).toBe('accepted');
      await pushed;
      const after = await scrape(t.url);
      const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(valueOf(after, 'hallwatch_live_clients', { watch: 'wall', tier: 'hall' })).toBe(1);
      expect(valueOf(after, 'hallwatch_live_clients', { watch: 'district', tier: 'hall' })).toBe(0);
      expect(moved('hallwatch_live_pushes_total', { kind: 'update' })).toBeGreaterThanOrEqual(1);
      expect(moved('hallwatch_live_push_lag_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(valueOf(after, 'hallwatch_live_read_queue', { cause: 'change' })).toBe(0);
    } finally {
      socket.close();
    }
  });

  it('reports the connection pool and the open work by state, read at the scrape', async () => {
    await t.ds.query(
      // Walked already: no patrol job of the running workers moves a round that is done.
      `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state, started_at, started_by, completed_at, completed_by)
       SELECT id, current_date, 1, 'met-1', '09:00', now(), now(), now(), 'done', now(), 'p', now(), 'p' FROM sites WHERE code = 'met1'`,
    );
    const samples = await scrape(t.url);
    expect(valueOf(samples, 'hallwatch_work_counts_up')).toBe(1);
    expect(valueOf(samples, 'hallwatch_rounds', { state: 'done' })).toBe(1);
    expect(valueOf(samples, 'hallwatch_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'hallwatch_db_pool_connections', { state: 'waiting' })).toBe(0);
  });

  it('serves every metric the Grafana dashboard of docs/ reads', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'grafana-dashboard.json'), 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
    };
    // Declared (# TYPE) whether or not a labelled series has a sample yet; a histogram's series carry suffixes.
    const { types } = parsePrometheusText(await (await fetch(`${t.url}/metrics`)).text());
    const read = dashboard.panels.flatMap((p) => p.targets.flatMap((x) => x.expr.match(/hallwatch_[a-z0-9_]+/g) ?? []));
    expect(read.length).toBeGreaterThan(15);
    const declared = (name: string) => types.has(name) || types.get(name.replace(/_(bucket|sum|count)$/, '')) === 'histogram';
    expect([...new Set(read)].filter((name) => !declared(name))).toEqual([]);
  });

  it('answers /health/live and /health/ready apart from the page fallback, and keeps /health', async () => {
    const live = await getJson<{ status: string }>(`${t.url}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await getJson<{ status: string; details: Record<string, { status: string }> }>(`${t.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
    expect(ready.body.details.redis.status).toBe('up');
    expect((await getJson<{ status: string }>(`${t.url}/health`)).body.status).toBe('ok');
    // An unknown probe is a 404, not the dashboard's page; a page path still gets the page.
    const unknown = await fetch(`${t.url}/health/other`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).not.toMatch(/html/);
    expect((await fetch(`${t.url}/wall`)).headers.get('content-type')).toMatch(/html/);
  });
});

describe('metrics refused to other callers', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('with METRICS_TOKEN and no network allowed: 401 without the token or with a wrong one, 200 with it', async () => {
    const t = await startTestApp({ DASHBOARD_DIR, METRICS_TOKEN: TOKEN, METRICS_ALLOW: 'none' });
    apps.push(t);
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: TOKEN }];
    for (const headers of attempts) {
      const res = await fetch(`${t.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await res.json()) as { field: string; message: string };
      expect(body.field).toBe('authorization');
      expect(body.message).toMatch(/METRICS_TOKEN|token/);
    }
    await scrape(t.url, { authorization: `Bearer ${TOKEN}` });
  });

  it('from a network outside METRICS_ALLOW and without a token: 403, never the dashboard page', async () => {
    const t = await startTestApp({ DASHBOARD_DIR, METRICS_ALLOW: '10.0.0.0/8,fd00::/8' });
    apps.push(t);
    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(((await res.json()) as { message: string }).message).toMatch(/METRICS_ALLOW/);
  });

  it('refuses a bad METRICS_ALLOW or a short METRICS_TOKEN at start, naming the setting', () => {
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW: "10\.0\.0\.0\/33" is not a CIDR block/);
    expect(() => loadConfig({ METRICS_ALLOW: '127.0.0.1/32,localhost' })).toThrow(/METRICS_ALLOW: "localhost"/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(loadConfig({ METRICS_ALLOW: '::1/128, 192.168.0.0/16' }).METRICS_ALLOW).toBe('::1/128, 192.168.0.0/16');
  });
});

describe('health while Redis is unreachable', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.down();
  });

  it('/health/ready turns 503 naming Redis while /health/live stays 200, and /metrics still answers', async () => {
    expect((await getJson(`${t.url}/health/ready`)).status).toBe(200);
    await redis.down();
    const ready = await waitFor(
      () => getJson<{ details: Record<string, { status: string; message?: string }> }>(`${t.url}/health/ready`),
      (r) => r.status === 503,
    );
    expect(ready.status).toBe(503);
    expect(ready.body.details.redis.status).toBe('down');
    expect(ready.body.details.redis.message).toMatch(/Redis unreachable/);
    expect(ready.body.details.database.status).toBe('up');
    expect((await getJson(`${t.url}/health/live`)).status).toBe(200);
    // The scrape does not wait on Redis: the queue counts are reported as unread instead.
    const samples = await scrape(t.url);
    expect(valueOf(samples, 'hallwatch_queue_counts_up')).toBe(0);
    expect(samples.some((s) => s.name === 'hallwatch_queue_jobs')).toBe(false);
    expect(valueOf(samples, 'hallwatch_process_cpu_seconds_total')).toBeGreaterThan(0);
    await redis.up();
    expect(
      (
        await waitFor(
          () => getJson(`${t.url}/health/ready`),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
  });
});
