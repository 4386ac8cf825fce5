import { FollowUpListView, IndicatorSnapshot } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { bearer } from './accounts';
import { ev, makeSite, servedTicket } from './factories';
import { getJson, postEvents } from './http';
import { call, hall, roundEvent } from './patrol';
import { testNow } from './test-clock';
import { TestApp } from './test-app';
import { waitFor } from './reviews-api';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import { RollupService } from '../../server/src/modules/trends/rollup.service';

// A hall's day seeded through the real APIs with a pinned clock, for the retention and backup
// tests: tickets, ratings and a complaint with phone numbers, a follow-up closed through the
// office's three steps, a patrol finding with its photo.

/**
 * The seeded day: a Monday in July four years before the run, so that 1,100 days later (past every
 * default period) is still before now: ingest refuses events dated ahead of the real time. July
 * holds no public holiday, so the patrol rounds are due that day in any year.
 */
function julyMonday(year: number): string {
  const d = new Date(Date.UTC(year, 6, 8));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
export const DAY = julyMonday(testNow().getUTCFullYear() - 4);
export const CLI = join(__dirname, '..', '..', 'server', 'dist', 'cli', 'main.js');

export function photo(): Buffer {
  const png = new PNG({ width: 24, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([30, 120, 200, 255], i);
  return PNG.sync.write(png);
}

export interface SeededDay {
  tickets: number;
  events: number;
}

export async function seedHallDay(t: TestApp, site: string, token: string): Promise<SeededDay> {
  await makeSite(t.ds, site, 2);
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(`${t.url}/api/v1/admin/sites/${site}${path}`, method, token, body);
  const patrol = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, type?: string) =>
    call<T>(`${t.url}/api/v1/patrol/sites/${site}${path}`, method, token, body, type);
  t.clock.setNow(hall(DAY, '08:55:00'));
  const sched = await admin('PUT', '/patrol/schedule', { enabled: true });
  if (sched.status !== 200) throw new Error(`patrol schedule: ${sched.status} ${JSON.stringify(sched.body)}`);

  t.clock.setNow(hall(DAY, '09:10:00'));
  const round = `${DAY}-1`;
  const walk = await patrol<{ results: Array<{ status: string }> }>('POST', '/events', {
    events: [
      roundEvent('round.started', { round, patroller: 'p' }, hall(DAY, '09:01:00'), `${site}-r1`),
      roundEvent(
        'round.check',
        { round, checkpoint: 'nameplate', result: 'finding', department: 'd1', window: 'w1', severity: 'medium', note: '公示牌缺失' },
        hall(DAY, '09:02:00'),
        `${site}-c1`,
      ),
    ],
  });
  if (!walk.body.results.every((r) => r.status === 'accepted')) throw new Error(`patrol events: ${JSON.stringify(walk.body)}`);
  const up = await patrol('PUT', `/photos/${site}-c1`, photo(), 'image/png');
  if (up.status !== 201) throw new Error(`photo upload: ${up.status}`);

  t.clock.setNow(hall(DAY, '16:00:00'));
  const key = await t.deviceKey(site);
  const events = [];
  let tickets = 0;
  for (let h = 9; h < 12; h++)
    for (const m of [5, 25, 45]) {
      const at = (min: number) => hall(DAY, `${String(h).padStart(2, '0')}:${String(m + min).padStart(2, '0')}:00`);
      events.push(...servedTicket(`A${h}${m}`, [at(0), at(6), at(14)], { department: h % 2 ? 'd1' : 'd2', window: h % 2 ? 'w1' : 'w3' }));
      tickets++;
    }
  events.push(
    ev(
      'review.submitted',
      { rating: 1, channel: 'pad', department: 'd1', window: 'w1', realName: true, phone: '13811112222' },
      hall(DAY, '10:00:00'),
      `${site}-bad`,
    ),
    ev(
      'review.submitted',
      { rating: 5, channel: 'pad', department: 'd2', window: 'w3', phone: '13933334444' },
      hall(DAY, '10:30:00'),
      `${site}-good`,
    ),
    ev(
      'complaint.received',
      { source: 'onsite', summary: '等候区空调不制冷', department: 'd2', phone: '13755556666' },
      hall(DAY, '11:00:00'),
      `${site}-cmp`,
    ),
  );
  const res = await postEvents(t.url, key, { events });
  if (res.status !== 200 || res.body.results?.some((r) => r.status !== 'accepted'))
    throw new Error(`ingest: ${res.status} ${JSON.stringify(res.body)}`);

  const cases = await admin<FollowUpListView>('GET', '/follow-ups?status=all');
  const bad = cases.body.cases.find((c) => c.sourceId === `${site}-bad`)!;
  for (const [step, body] of [
    ['contact', { reached: true, note: '已致电' }],
    ['resolution', { note: '已补挂公示牌' }],
    ['confirmation', { satisfied: true }],
  ] as const) {
    const r = await admin('POST', `/follow-ups/${bad.id}/${step}`, body);
    if (r.status !== 200) throw new Error(`follow-up ${step}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  await rollupsFinal(t);
  return { tickets, events: events.length + 2 };
}

/** The trends count only what the rollups hold: wait until every mark is folded in. */
export async function rollupsFinal(t: TestApp): Promise<void> {
  // Deadlines the moved clock has passed escalate now, not when the sweep next comes round.
  await t.app.get(FollowUpDeadlinesService).escalateMissed();
  await t.app.get(RollupService).flushAll();
  await waitFor(
    'the rollups',
    async () => ((await t.ds.query(`SELECT count(*)::int AS n FROM review_rollup_marks`)) as Array<{ n: number }>)[0].n === 0,
    30_000,
  );
}

export const snapshotOf = async (t: TestApp, site: string, token: string): Promise<IndicatorSnapshot> =>
  (await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/${site}/indicators`, bearer(token))).body;

/** The indicators' values, without the moment they were computed. */
export const valuesOf = (s: IndicatorSnapshot) => ({ values: s.values, departments: s.departments, alerts: s.alerts, windows: s.windows });

export async function cli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}
