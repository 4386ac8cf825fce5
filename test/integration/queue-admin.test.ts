import { QueueName, type FailedJobsView, type FailedJobView, type QueueCountsView } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { bullConnection } from '../../server/src/core/queue/queue.module';
import { auditCount, makeUser, signIn } from '../support/accounts';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { parsePrometheusText, valueOf } from '../support/prometheus-text';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const TOKEN = 'queue-admin-token-0123456789abcdef';
const PHONE = '13800001111';

// The admin's look into the queues: counts by state, the failed jobs with their errors but never
// their data, and a retry that puts a failed job back in line, audited; only for admins of every
// site. No worker runs in the app here: the test's own worker fails the job, so it stays put after a retry.
describe('queue inspection for admins', () => {
  let t: TestApp;
  let queue: Queue;
  let failedId: string;
  const api = () => adminApi(t.url, TOKEN);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, RUN_WORKERS: 'false' });
    await makeSite(t.ds, 'qa');
    queue = t.app.get<Queue>(getQueueToken(QueueName.Notify), { strict: false });
    const job = await queue.add('deliver', { to: PHONE }, { attempts: 1, removeOnFail: false });
    failedId = String(job.id);
    const opts = { connection: bullConnection(t.config.REDIS_URL), prefix: `${t.config.REDIS_PREFIX}:bull` };
    const events = new QueueEvents(QueueName.Notify, opts);
    await events.waitUntilReady();
    const failed = new Promise<void>((resolve) => events.on('failed', ({ jobId }) => jobId === failedId && resolve()));
    const worker = new Worker(
      QueueName.Notify,
      async () => {
        throw new Error('receiver answered 500');
      },
      opts,
    );
    await failed;
    await worker.close();
    await events.close();
  });
  afterAll(async () => t?.close());

  it('lists every queue with its jobs by state', async () => {
    const res = await api()<QueueCountsView[]>('GET', '/queues');
    expect(res.status).toBe(200);
    expect(res.body.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    const notify = res.body.find((q) => q.name === QueueName.Notify)!;
    expect(notify.counts.failed).toBe(1);
    expect(Object.keys(notify.counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
  });

  it('shows a failed job with its error and stack, never its data', async () => {
    const res = await fetch(`${t.url}/api/v1/admin/queues/notify/failed`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(PHONE);
    const view = JSON.parse(text) as FailedJobsView;
    expect(view.total).toBe(1);
    expect(view.jobs).toEqual([
      expect.objectContaining({ id: failedId, name: 'deliver', failedReason: 'receiver answered 500', attemptsMade: 1 }),
    ]);
    expect(view.jobs[0].stack).toMatch(/^Error: receiver answered 500/);
    expect(new Date(view.jobs[0].failedAt!).getTime()).toBeGreaterThanOrEqual(new Date(view.jobs[0].queuedAt).getTime());
  });

  it('refuses an unknown queue, a bad page and an unknown job, naming the field', async () => {
    const unknown = await api()<ErrorBody>('GET', '/queues/nowhere/failed');
    expect([unknown.status, unknown.body.field]).toEqual([400, 'name']);
    const size = await api()<ErrorBody>('GET', '/queues/notify/failed?size=500');
    expect([size.status, size.body.field]).toEqual([400, 'size']);
    expect((await api()('POST', '/queues/notify/jobs/999999/retry')).status).toBe(404);
  });

  it('keeps the queues from an admin of some sites only, and audits the refusal', async () => {
    await makeUser(t, 'qa-admin', 'admin', ['qa']);
    const some = await signIn(t.url, 'qa-admin');
    const before = await auditCount(t.ds, 'access.denied');
    expect((await api()('GET', '/queues', undefined, some.token)).status).toBe(403);
    expect((await api()('POST', `/queues/notify/jobs/${failedId}/retry`, undefined, some.token)).status).toBe(403);
    expect(await auditCount(t.ds, 'access.denied')).toBe(before + 2);
    expect(await (await queue.getJob(failedId))!.getState()).toBe('failed');
  });

  it('retries a failed job: back in line, audited once; a second retry is refused', async () => {
    const res = await api()<FailedJobView>('POST', `/queues/notify/jobs/${failedId}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: failedId, failedReason: 'receiver answered 500' });
    expect(await (await queue.getJob(failedId))!.getState()).toBe('waiting');
    const counts = (await api()<QueueCountsView[]>('GET', '/queues')).body.find((q) => q.name === QueueName.Notify)!;
    expect(counts.counts).toMatchObject({ failed: 0, waiting: 1 });
    expect(await auditCount(t.ds, 'queue.job.retry')).toBe(1);
    const again = await api()<ErrorBody>('POST', `/queues/notify/jobs/${failedId}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/is waiting; only a failed job is retried/);
    expect(await auditCount(t.ds, 'queue.job.retry')).toBe(1);
  });

  it('reports how long the job next in line has waited past its due time, for Prometheus', async () => {
    const job = (await queue.getJob(failedId))!;
    const { samples } = parsePrometheusText(await (await fetch(`${t.url}/metrics`)).text());
    const late = (q: string) => valueOf(samples, 'hallwatch_queue_oldest_waiting_seconds', { queue: q });
    // It was added before the test's worker failed it, and has waited since, no worker running here.
    expect(late('notify')).toBeGreaterThan(0);
    expect(late('notify')).toBeLessThanOrEqual((Date.now() - job.timestamp) / 1000);
    expect(late('patrol')).toBe(0);
  });
});
