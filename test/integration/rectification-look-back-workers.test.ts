import { QueueName } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { LOOK_BACK_SCHEDULER, LOOK_BACK_SITE, LOOK_BACK_SWEEP } from '../../server/src/modules/rectification/jobs/look-back.job';
import { adminApi } from '../support/admin-api';
import { ev, makeSite } from '../support/factories';
import { hall, waitFor } from '../support/patrol';
import { postForm, reopenAllItems, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';
import { REDIS_URL } from '../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

jest.setTimeout(120_000);

// The look-back in a city deployment (docs/contracts/reliability.md): a server started with RUN_WORKERS=false
// neither schedules nor runs it; a `hallwatch worker` process on the same PostgreSQL and
// Redis does both, judging the same snapshot the wall shows (patrol numbers included).

const TOKEN = 'test-admin-token-look-back-workers';
const SITE = 'lbw';
// A past service day, so that every event is in the past; the worker's clock reads it at 18:31,
// after the hall closed and a minute into a five-minute look-back interval.
const DAY = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
const PREVIOUS_DAY = new Date(Date.parse(DAY) - 86_400_000).toISOString().slice(0, 10);

describe('rectification look-back with workers in their own process', () => {
  let t: TestApp;
  let queue: Queue;
  let worker: WorkerProcess | null = null;
  const api = () => adminApi(t.url, TOKEN);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, RUN_WORKERS: 'false' });
    queue = t.app.get<Queue>(getQueueToken(QueueName.Rectification), { strict: false });
    const site = await makeSite(t.ds, SITE);
    const imported = await postForm(
      t.url,
      `/rectification/import?site=${SITE}`,
      TOKEN,
      {},
      { field: 'file', name: 'seed.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBe(200);
    await reopenAllItems(t.ds, SITE);
    t.clock.setNow(hall(PREVIOUS_DAY, '20:00:00'));
    for (const n of [17, 47])
      expect((await api()('PATCH', `/rectification/items/${n}?site=${SITE}`, { status: 'rectified' })).status).toBe(200);

    // The day: ten services and two reviews (item 17's active rate 20%, off target), and the
    // four patrol rounds item 47 asks for (on target only if the worker reads the patrol numbers).
    const events = [];
    for (let i = 0; i < 10; i++) {
      const at = (m: number) => hall(DAY, `09:${String(i * 3 + m).padStart(2, '0')}:00`);
      events.push(ev('ticket.issued', { ticket: `W${i}`, department: 'd1', channel: 'walk_in' }, at(0)));
      events.push(ev('ticket.called', { ticket: `W${i}`, window: 'w1' }, at(1)));
      events.push(ev('ticket.completed', { ticket: `W${i}`, window: 'w1', staff: 's1', outcome: 'done' }, at(2)));
    }
    for (let i = 0; i < 2; i++)
      events.push(ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1' }, hall(DAY, `11:0${i}:00`)));
    const res = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.deviceKey(SITE)}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    for (let slot = 1; slot <= 4; slot++) {
      const due = hall(DAY, `${8 + slot * 2}:00:00`);
      await t.ds.query(
        `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6, 'done', $6)`,
        [site.id, DAY, slot, `${DAY}-${slot}`, `${8 + slot * 2}:00`, due],
      );
    }
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await t?.close();
  });

  const rebounds = async (): Promise<Array<{ number: number; rebounding: boolean }>> =>
    t.ds.query(
      `SELECT i.number, b.rebounding FROM rectification_rebounds b JOIN rectification_items i ON i.id = b.item_id
       JOIN sites s ON s.id = b.site_id WHERE s.code = $1 ORDER BY i.number`,
      [SITE],
    );
  const siteChecks = async () => (await queue.getJobs(['completed'])).filter((j) => j.name === LOOK_BACK_SITE).length;

  it('is neither scheduled nor run by a server with RUN_WORKERS=false', async () => {
    expect((await queue.getJobSchedulers()).map((s) => s.key)).not.toContain(LOOK_BACK_SCHEDULER);
    const sweep = await queue.add(LOOK_BACK_SWEEP, {}, { jobId: 'sweep-before-worker' });
    await new Promise((r) => setTimeout(r, 3000));
    expect(await sweep.getState()).toBe('waiting');
    expect(await rebounds()).toEqual([]);
  });

  it('is scheduled and run by `hallwatch worker`, with the patrol numbers in its snapshot', async () => {
    worker = await startWorkerProcess(
      { DATABASE_URL: t.config.DATABASE_URL, REDIS_URL, REDIS_PREFIX: t.config.REDIS_PREFIX },
      hall(DAY, '18:31:00').getTime() - Date.now(),
    );
    await waitFor(
      async () => (await queue.getJob('sweep-before-worker'))?.getState(),
      (s) => s === 'completed',
      20_000,
      'the waiting sweep',
    );
    await waitFor(siteChecks, (n) => n === 1, 20_000, 'the site check');
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(LOOK_BACK_SCHEDULER);

    const judged = await rebounds();
    expect(judged.filter((r) => r.rebounding).map((r) => r.number)).toEqual([17]);
    expect(judged.map((r) => r.number)).toContain(47);
    const [patrol] = await t.ds.query(
      `SELECT l.judged_day::text AS day, l.last_value AS value, l.failing_days AS failing
       FROM rectification_links l JOIN rectification_items i ON i.id = l.item_id JOIN sites s ON s.id = i.site_id
       WHERE s.code = $1 AND i.number = 47 AND l.indicator = 'patrol.rounds.done'`,
      [SITE],
    );
    expect(patrol).toEqual({ day: DAY, value: 4, failing: 0 });
  });

  it('checks a site once per interval however many sweeps run', async () => {
    await queue.add(LOOK_BACK_SWEEP, {}, { jobId: 'second-sweep' });
    await waitFor(
      async () => (await queue.getJob('second-sweep'))?.getState(),
      (s) => s === 'completed',
      20_000,
      'the second sweep',
    );
    expect(await siteChecks()).toBe(1);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM rectification_history WHERE field = 'rebound'`);
    expect(n).toBe(1);
    expect(worker?.output()).not.toMatch(/failed|Error/);
  });
});
