import { IndicatorSnapshot, PATROL_ALERT_KINDS, PatrolScheduleView } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { RoundPlanner } from '../../server/src/modules/patrol/round-planner.service';
import { RoundStepsService } from '../../server/src/modules/patrol/round-steps.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { call, hall, MONDAY, ON_TIME_MS, patrolQueue, roundsOf, stepsOf, waitFor } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// The round schedule of docs/contracts/patrol.md against real PostgreSQL and Redis, with the server's Clock
// set to a Monday of the hall. The due, overdue and missed steps are fired by real BullMQ
// delayed jobs: the clock is set a moment before each step and the schedule re-synced, which
// moves the delayed jobs to the new clock, and the job then fires on its own.

const ADMIN = 'test-admin-token-patrol-schedule';
const SITE = 'pat1';
const ROUND_TIMES = ['09:00', '11:00', '14:30', '16:30'];

describe('patrol schedule', () => {
  let t: TestApp;
  let site: Site;
  const admin = (method: string, path: string, body?: unknown) =>
    call(`${t.url}/api/v1/admin/sites/${SITE}/patrol${path}`, method, ADMIN, body);
  const indicators = async () => (await call<IndicatorSnapshot>(`${t.url}/api/v1/sites/${SITE}/indicators`, 'GET', ADMIN)).body;
  const state = async (code: string) => (await roundsOf(t.ds, SITE)).find((r) => r.code === code)?.state;
  // One moment before `at`, then the schedule follows the clock, and the job fires by itself.
  const fireAt = async (at: Date) => {
    t.clock.setNow(new Date(at.getTime() - 700));
    await t.app.get(PatrolSync).syncSite(site);
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
  });
  afterAll(async () => t.close());

  it('has no rounds until patrol is enabled, then the default four each working day, once', async () => {
    t.clock.setNow(hall(MONDAY, '08:50:00'));
    expect((await admin('GET', '/schedule')).body).toMatchObject({ enabled: false, times: ROUND_TIMES, weekdays: [1, 2, 3, 4, 5] });
    expect(await roundsOf(t.ds, SITE)).toEqual([]);

    const res = await admin('PUT', '/schedule', { enabled: true });
    expect(res.status).toBe(200);
    expect(res.body as unknown as PatrolScheduleView).toMatchObject({
      enabled: true,
      times: ROUND_TIMES,
      overdueAfterMin: 30,
      missedAfterMin: 60,
    });
    // Today and tomorrow are planned at once.
    const rounds = await roundsOf(t.ds, SITE);
    expect(rounds.map((r) => `${r.code} ${r.state}`)).toEqual([
      '2024-07-15-1 scheduled',
      '2024-07-15-2 scheduled',
      '2024-07-15-3 scheduled',
      '2024-07-15-4 scheduled',
      '2024-07-16-1 scheduled',
      '2024-07-16-2 scheduled',
      '2024-07-16-3 scheduled',
      '2024-07-16-4 scheduled',
    ]);
    expect(rounds[0].due_at.toISOString()).toBe('2024-07-15T01:00:00.000Z');

    // Planning again, from however many places at once, adds nothing.
    const sync = t.app.get(PatrolSync);
    await Promise.all([sync.syncSite(site), sync.syncSite(site), t.app.get(RoundPlanner).planAhead(site, t.clock.now())]);
    expect(await roundsOf(t.ds, SITE)).toHaveLength(8);
    // Three delayed jobs per round (due, overdue, missed), each once.
    const delayed = await patrolQueue(t.app).getDelayed();
    const ids = delayed.map((j) => j.id ?? '').filter((id) => id.startsWith('round.'));
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    // The default checklist comes with enabling, linked to the rectification items.
    const checkpoints = (await admin('GET', '/checkpoints')).body as unknown as Array<{ code: string; items: number[] }>;
    expect(checkpoints.map((c) => c.code)).toContain('back-office');
    expect(checkpoints.find((c) => c.code === 'back-office')?.items).toEqual([19]);
    expect(checkpoints.find((c) => c.code === 'nameplate')?.items).toEqual([47, 48]);
  });

  it("makes each of the day's four rounds due, overdue and missed on time by real delayed jobs", async () => {
    for (const [slot, time] of ROUND_TIMES.entries()) {
      const code = `${MONDAY}-${slot + 1}`;
      const due = hall(MONDAY, `${time}:00`);
      await fireAt(due);
      await waitFor(
        () => state(code),
        (s) => s === 'due',
        10_000,
        `${code} due`,
      );
      await fireAt(new Date(due.getTime() + 30 * 60_000));
      await waitFor(
        () => state(code),
        (s) => s === 'overdue',
        10_000,
        `${code} overdue`,
      );
      if (slot === 0) {
        const snap = await indicators();
        expect(snap.values['patrol.rounds.due']).toBe(1);
        expect(snap.values['patrol.rounds.done']).toBe(0);
        const alert = snap.alerts.find((a) => a.kind === PATROL_ALERT_KINDS.roundOverdue);
        expect(alert).toMatchObject({ severity: 'warning', items: [47], since: '2024-07-15T01:30:00.000Z' });
        expect(alert?.message.zh).toContain('09:00 巡查已逾期');
      }
      await fireAt(new Date(due.getTime() + 60 * 60_000));
      await waitFor(
        () => state(code),
        (s) => s === 'missed',
        10_000,
        `${code} missed`,
      );
    }
    const steps = (await stepsOf(t.ds, SITE)).filter((s) => s.code?.startsWith(MONDAY));
    // Each step of each round exactly once, and on time by the clock (fired by the job, not by a sweep).
    expect(steps.map((s) => `${s.code} ${s.step}`)).toEqual(
      [1, 2, 3, 4].flatMap((n) => ['due', 'overdue', 'missed'].map((st) => `${MONDAY}-${n} ${st}`)),
    );
    for (const s of steps) {
      expect(s.late_ms).toBeGreaterThanOrEqual(0);
      expect(s.late_ms).toBeLessThan(ON_TIME_MS);
    }
    const snap = await indicators();
    expect(snap.values['patrol.rounds.due']).toBe(4);
    expect(snap.values['patrol.rounds.done']).toBe(0);
    const missed = snap.alerts.filter((a) => a.kind === PATROL_ALERT_KINDS.roundMissed);
    expect(missed).toHaveLength(4);
    expect(missed.every((a) => a.severity === 'breach' && a.items.join() === '47')).toBe(true);
  });

  it('judges any instant on demand, and judging it again changes nothing', async () => {
    const steps = t.app.get(RoundStepsService);
    const tuesday = '2024-07-16';
    const first = await steps.advanceSite(site.id, hall(tuesday, '11:45:00'));
    expect(first.map((a) => `${a.code} ${a.to} ${a.steps.join('+')}`)).toEqual([
      '2024-07-16-1 missed due+overdue+missed',
      '2024-07-16-2 overdue due+overdue',
    ]);
    expect(await steps.advanceSite(site.id, hall(tuesday, '11:45:00'))).toEqual([]);
    expect(await steps.advanceSite(site.id, hall(tuesday, '11:50:00'))).toEqual([]);
  });

  it('follows the holiday calendar: no rounds on a holiday, rounds on a weekend day worked in exchange', async () => {
    const planner = t.app.get(RoundPlanner);
    const now = hall(MONDAY, '18:00:00');
    t.clock.setNow(now);
    expect((await admin('PUT', '/calendar/2024-07-17', { kind: 'holiday', name: '测试假日' })).status).toBe(200);
    expect((await admin('PUT', '/calendar/2024-07-20', { kind: 'workday', name: '调休上班' })).status).toBe(200);
    expect((await admin('PUT', '/calendar/2024-02-30', { kind: 'holiday' })).status).toBe(400);
    expect((await admin('PUT', '/calendar/2024-07-21', { kind: 'party' })).status).toBe(400);
    await planner.planDay(site, '2024-07-17', now);
    await planner.planDay(site, '2024-07-20', now);
    await planner.planDay(site, '2024-07-21', now);
    expect((await roundsOf(t.ds, SITE, '2024-07-17')).length).toBe(0);
    expect((await roundsOf(t.ds, SITE, '2024-07-20')).length).toBe(4);
    expect((await roundsOf(t.ds, SITE, '2024-07-21')).length).toBe(0);
    expect((await admin('GET', '/calendar?from=2024-07-01&to=2024-07-31')).body).toEqual([
      { day: '2024-07-17', kind: 'holiday', name: '测试假日' },
      { day: '2024-07-20', kind: 'workday', name: '调休上班' },
    ]);
    // Declaring the Saturday a holiday after all takes back its untouched rounds.
    expect(await admin('PUT', '/calendar/2024-07-20', { kind: 'holiday' })).toMatchObject({
      status: 200,
      body: { day: '2024-07-20', kind: 'holiday', name: null },
    });
    await planner.planDay(site, '2024-07-20', now);
    expect((await roundsOf(t.ds, SITE, '2024-07-20')).length).toBe(0);
    // A day given without a name reads back without one.
    expect((await admin('GET', '/calendar?from=2024-07-20&to=2024-07-20')).body).toEqual([
      { day: '2024-07-20', kind: 'holiday', name: null },
    ]);
    expect((await admin('DELETE', '/calendar/2024-07-20')).status).toBe(204);
    expect(await admin('DELETE', '/calendar/2024-07-20')).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `Site "${SITE}" has no calendar entry for 2024-07-20` },
    });
  });

  it('refuses a malformed day and an unknown site on every calendar route', async () => {
    const dayError = { field: 'day', message: 'day must be a date written YYYY-MM-DD, e.g. 2024-10-01; got "2024-7-1"' };
    expect(await admin('PUT', '/calendar/2024-7-1', { kind: 'holiday' })).toMatchObject({ status: 400, body: dayError });
    expect(await admin('DELETE', '/calendar/2024-7-1')).toMatchObject({ status: 400, body: dayError });
    expect(await admin('GET', '/calendar?from=2024-7-1')).toMatchObject({ status: 400, body: dayError });
    const elsewhere = (method: string, path: string, body?: unknown) =>
      call(`${t.url}/api/v1/admin/sites/nowhere/patrol${path}`, method, ADMIN, body);
    const noSite = { status: 404, body: { message: 'No site with code "nowhere"' } };
    expect(await elsewhere('GET', '/calendar')).toMatchObject(noSite);
    expect(await elsewhere('PUT', '/calendar/2024-07-17', { kind: 'holiday' })).toMatchObject(noSite);
    expect(await elsewhere('DELETE', '/calendar/2024-07-17')).toMatchObject(noSite);
  });

  it('moves rounds not yet due when the times change, and keeps those already due', async () => {
    t.clock.setNow(hall('2024-07-16', '10:00:00'));
    const res = await admin('PUT', '/schedule', { times: ['09:00', '10:30', '15:00'] });
    expect(res.status).toBe(200);
    const tuesday = await roundsOf(t.ds, SITE, '2024-07-16');
    // Slot 1 (09:00) and slot 2 (due 11:00, moved to 10:30) … slot 2 had already been judged at 11:45 above, so it keeps its time.
    expect(tuesday.map((r) => `${r.slot} ${r.state}`)).toEqual(['1 missed', '2 overdue', '3 scheduled']);
    expect(tuesday[2].due_at.toISOString()).toBe('2024-07-16T07:00:00.000Z');
    expect((await admin('PUT', '/schedule', { times: ['25:00'] })).status).toBe(400);
    expect((await admin('PUT', '/schedule', { weekdays: [0] })).status).toBe(400);
    expect((await admin('PUT', '/schedule', { times: ROUND_TIMES })).status).toBe(200);
  });

  it('enabling patrol mid-day owes only the rounds still to come', async () => {
    const late = await makeSite(t.ds, 'pat1b');
    t.clock.setNow(hall(MONDAY, '15:00:00'));
    expect((await call(`${t.url}/api/v1/admin/sites/pat1b/patrol/schedule`, 'PUT', ADMIN, { enabled: true })).status).toBe(200);
    expect((await roundsOf(t.ds, 'pat1b', MONDAY)).map((r) => `${r.slot} ${r.state}`)).toEqual(['4 scheduled']);
    await t.app.get(PatrolSync).syncSite(late);
    expect((await roundsOf(t.ds, 'pat1b', '2024-07-16')).length).toBe(4);
  });

  it('the CLI edits the same schedule and calendar', async () => {
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'server', 'dist', 'cli', 'main.js'), ...args], {
        env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL },
      });
    const shown = await cli(['patrol-schedule', '--site', SITE]);
    expect(shown.stdout).toContain('patrol enabled; rounds at 09:00, 11:00, 14:30, 16:30');
    await cli(['patrol-calendar', 'set', '2024-10-01', '--site', SITE, '--kind', 'holiday', '--name', '国庆节']);
    const listed = await cli(['patrol-calendar', 'list', '--site', SITE, '--from', '2024-10-01', '--to', '2024-10-31']);
    expect(listed.stdout).toMatch(/2024-10-01\s+holiday\s+国庆节/);
    // One calendar: the working calendar shows the day as the site's own, and the edit is audited as the CLI's.
    const calendar = await cli(['calendar', 'list', '--site', SITE, '--from', '2024-10-01', '--to', '2024-10-01']);
    expect(calendar.stdout).toMatch(new RegExp(`2024-10-01\\s+休\\s+国庆节\\s+\\(${SITE}\\)`));
    const audit = (
      await call<Array<{ action: string; actor: string; subject: string }>>(
        `${t.url}/api/v1/admin/sites/${SITE}/review-audit`,
        'GET',
        ADMIN,
      )
    ).body;
    expect(audit[0]).toMatchObject({ action: 'calendar.set', actor: 'cli', subject: 'calendar:2024-10-01' });
    await cli(['patrol-calendar', 'remove', '2024-10-01', '--site', SITE]);
    await expect(cli(['patrol-calendar', 'remove', '2024-10-01', '--site', SITE])).rejects.toThrow(/has no calendar entry for 2024-10-01/);
    await expect(cli(['patrol-schedule', '--site', SITE, '--times', '9:00'])).rejects.toThrow(/HH:MM/);
  });
});
