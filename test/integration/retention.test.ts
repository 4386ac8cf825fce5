import { QueueName, type RetentionView, type TrendSeriesView } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bearer, makeUser, signIn } from '../support/accounts';
import { getJson } from '../support/http';
import { call } from '../support/patrol';
import { cli, DAY, rollupsFinal, seedHallDay, snapshotOf, valuesOf } from '../support/retention-day';
import { servedTicket } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/reviews-api';

jest.setTimeout(180_000);

// Retention (docs/security.md): a dry run lists exactly what a run erases; the run erases that
// (phones after the follow-up closed, raw events archived once their rollups are final, patrol
// photos), audits each purge, and leaves the trends and today's indicators as they were.

const TOKEN = 'retention-test-admin-token-0123';
const SITE = 'rt';
/** 1,100 days after the seeded day: past every default period (events 1,095, photos 365, phones 180). */
const LATER = new Date(new Date(`${DAY}T15:00:00+08:00`).getTime() + 1100 * 86_400_000);
const LATER_DAY = new Date(LATER.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const count = async (t: TestApp, sql: string, args: unknown[] = []) => ((await t.ds.query(sql, args)) as Array<{ n: number }>)[0].n;

describe('retention', () => {
  let t: TestApp;
  let dataDir: string;
  let seeded: Awaited<ReturnType<typeof seedHallDay>>;
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token = TOKEN) =>
    call<T>(`${t.url}/api/v1/admin${path}`, method, token, body);
  const env = () => ({ DATABASE_URL: t.config.DATABASE_URL, DATA_DIR: dataDir, FIXED_CLOCK: LATER.toISOString() });
  const trends = async () =>
    (
      await getJson<TrendSeriesView>(
        `${t.url}/api/v1/admin/trends/series?scope=site&site=${SITE}&from=${DAY}&to=${DAY}&grain=day`,
        bearer(TOKEN),
      )
    ).body;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hw-retention-'));
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir });
    // The scheduled run is checked below; the test's own runs must not meet it halfway.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Retention));
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain('retention-run');
    // Its first run comes at once (at the real time, before anything is seeded) and erases nothing.
    await waitFor(
      'the scheduled run',
      async () => (await count(t, `SELECT count(*)::int AS n FROM retention_runs WHERE trigger = 'job' AND finished_at IS NOT NULL`)) > 0,
    );
    await queue.removeJobScheduler('retention-run');
    expect(await t.ds.query(`SELECT phones, events, photos, actor FROM retention_runs`)).toEqual([
      { phones: 0, events: 0, photos: 0, actor: 'retention-job' },
    ]);
    // The test's clock goes back from there: "the last run" below is the CLI's.
    await t.ds.query(`DELETE FROM retention_runs`);
    seeded = await seedHallDay(t, SITE, TOKEN);
    // Today, 1,100 days on: a few tickets inside every period, which no purge may touch.
    t.clock.setNow(LATER);
    const key = await t.deviceKey(SITE);
    const at = (min: number) => new Date(LATER.getTime() - min * 60_000);
    const recent = await postEvents(t.url, key, {
      events: [...servedTicket('B1', [at(50), at(40), at(30)]), ...servedTicket('B2', [at(20), at(10), at(5)])],
    });
    expect(recent.body.results?.map((r) => r.status)).toEqual(Array(6).fill('accepted'));
    await rollupsFinal(t);
  });
  afterAll(async () => {
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the default policy, and refuses a period below its floor naming the field, storing nothing', async () => {
    const view = await admin<RetentionView>('GET', '/retention');
    expect(view.status).toBe(200);
    expect(view.body.policy).toEqual({ phoneDays: 180, eventDays: 1095, eventAction: 'archive', photoDays: 365 });
    for (const [body, field] of [
      [{ eventDays: 399 }, 'eventDays'],
      [{ eventDays: 30 }, 'eventDays'],
      [{ phoneDays: 7 }, 'phoneDays'],
      [{ photoDays: '400' }, 'photoDays'],
      [{ eventAction: 'shred' }, 'eventAction'],
    ] as const) {
      const res = await admin<{ field: string; message: string }>('PATCH', '/retention', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect((await admin<{ message: string }>('PATCH', '/retention', { eventDays: 100 })).body.message).toMatch(/at least 400 days/);
    expect((await admin<RetentionView>('GET', '/retention')).body.updatedAt).toBeNull();
    expect(await count(t, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.policy.set'`)).toBe(0);
  });

  it('lets only an admin of every site change the policy, and audits the change', async () => {
    await makeUser(t, 'rt-admin', 'admin', [SITE]);
    const some = await signIn(t.url, 'rt-admin');
    expect((await admin('PATCH', '/retention', { photoDays: 400 }, some.token)).status).toBe(403);
    const ok = await admin<RetentionView>('PATCH', '/retention', { photoDays: 400 });
    expect(ok.status).toBe(200);
    expect(ok.body.policy.photoDays).toBe(400);
    expect(ok.body.updatedBy).toBe('admin-token');
    expect((await admin<RetentionView>('PATCH', '/retention', { photoDays: 365 })).body.policy.photoDays).toBe(365);
    expect(await count(t, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'retention.policy.set'`)).toBe(2);
  });

  it('lists in a dry run exactly what the run then erases, and the trends and indicators stay as they were', async () => {
    // A follow-up job of the seeded day may still mark its rollups after the set-up's wait: the
    // premise of the run is that they are final.
    await rollupsFinal(t);
    const trendsBefore = await trends();
    const snapshotBefore = valuesOf(await snapshotOf(t, SITE, TOKEN));
    const oldEvents = await count(t, `SELECT count(*)::int AS n FROM events WHERE service_day = $1`, [DAY]);
    expect(oldEvents).toBe(seeded.events);

    const dry = await cli(['retention', '--dry-run'], env());
    expect(dry.code).toBe(0);
    const listed = dry.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(listed).toEqual([
      `  phone  review     ${SITE}/${SITE}-bad`,
      `  phone  review     ${SITE}/${SITE}-good`,
      `  events ${SITE} ${DAY.slice(0, 7)} ${DAY}..${DAY} ${oldEvents}`,
      `  photo  ${SITE}/${SITE}-c1`,
    ]);
    expect(dry.stdout).toContain('Would erase 2 phone numbers');
    // The dry run changed nothing, and the preview route says the same.
    expect(await count(t, `SELECT count(*)::int AS n FROM reviews WHERE phone_enc IS NOT NULL`)).toBe(2);
    const preview = await admin<{ events: { count: number }; phones: { count: number }; photos: { ids: string[] } }>(
      'GET',
      '/retention/preview',
    );
    expect(preview.body.phones.count).toBe(2);
    expect(preview.body.events.count).toBe(oldEvents);
    expect(preview.body.photos.ids).toEqual([`${SITE}/${SITE}-c1`]);

    const real = await cli(['retention'], env());
    expect(real.code).toBe(0);
    expect(real.stdout.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  archive'))).toEqual(listed);

    // Phones: erased where the case closed (and where no case was opened), the masked form kept; the open complaint keeps its own.
    const phones = (await t.ds.query(
      `SELECT event_id, phone_enc IS NOT NULL AS kept, phone_masked FROM reviews UNION ALL
       SELECT event_id, phone_enc IS NOT NULL, phone_masked FROM complaints ORDER BY 1`,
    )) as Array<{ event_id: string; kept: boolean; phone_masked: string }>;
    expect(phones).toEqual([
      { event_id: `${SITE}-bad`, kept: false, phone_masked: '138****2222' },
      { event_id: `${SITE}-cmp`, kept: true, phone_masked: '137****6666' },
      { event_id: `${SITE}-good`, kept: false, phone_masked: '139****4444' },
    ]);
    // Events: the old day archived and gone, today's kept.
    expect(await count(t, `SELECT count(*)::int AS n FROM events WHERE service_day = $1`, [DAY])).toBe(0);
    expect(await count(t, `SELECT count(*)::int AS n FROM events WHERE service_day = $1`, [LATER_DAY])).toBe(6);
    const view = (await admin<RetentionView>('GET', '/retention')).body;
    expect(view.lastRun).toMatchObject({ trigger: 'cli', actor: 'cli', phones: 2, events: oldEvents, photos: 1, error: null });
    expect(view.lastRun!.files).toHaveLength(1);
    const lines = gunzipSync(await readFile(join(dataDir, view.lastRun!.files[0])))
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(oldEvents);
    const archived = lines.map((l) => JSON.parse(l) as { site: string; id: string; serviceDay: string; data: { phone?: string } });
    expect(new Set(archived.map((e) => e.serviceDay))).toEqual(new Set([DAY]));
    expect(archived.find((e) => e.id === `${SITE}-bad`)?.data.phone).toBe('138****2222');
    // Photos: gone.
    expect(await count(t, `SELECT count(*)::int AS n FROM patrol_photos`)).toBe(0);

    // One audit entry per purge.
    const audit = (await t.ds.query(
      `SELECT action, site, details->>'count' AS n FROM audit_log WHERE action LIKE 'retention.%' AND action <> 'retention.policy.set' ORDER BY id`,
    )) as Array<{ action: string; site: string | null; n: string }>;
    expect(audit).toEqual([
      { action: 'retention.phones.erase', site: null, n: '2' },
      { action: 'retention.events.archive', site: SITE, n: String(oldEvents) },
      { action: 'retention.photos.delete', site: SITE, n: '1' },
    ]);

    expect(await trends()).toEqual(trendsBefore);
    expect(valuesOf(await snapshotOf(t, SITE, TOKEN))).toEqual(snapshotBefore);

    // A second run finds nothing more to do.
    const again = await cli(['retention', '--dry-run'], env());
    expect(again.stdout.split('\n').filter((l) => l.startsWith('  '))).toEqual([]);
  });
});
