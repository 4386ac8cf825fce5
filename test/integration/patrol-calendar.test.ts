import { CalendarDayView, PatrolCalendarDayView, PatrolTodayView, ReviewAuditView } from '@hallwatch/shared';
import { RoundPlanner } from '../../server/src/modules/patrol/round-planner.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { ev, makeSite } from '../support/factories';

import { call, hall, MONDAY, roundsOf } from '../support/patrol';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// Patrol rounds and follow-up deadlines read one working calendar: a day entered in the
// working calendar stops the rounds, and a day entered on the patrol admin screen moves the
// follow-up deadlines, audited as any calendar edit is.

const SITE = 'pcal';
const OTHER = 'pcal2';

describe('one working calendar for patrol rounds and follow-up deadlines', () => {
  let t: TestApp;
  let site: Site;
  let other: Site;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  const patrol = <T = Record<string, unknown>>(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown, code = SITE) =>
    h.admin<T>(method, `/sites/${code}/patrol${path}`, body);
  const roundCount = async (s: Site, day: string) => {
    await t.app.get(RoundPlanner).planDay(s, day, t.clock.now());
    return (await roundsOf(t.ds, s.code, day)).length;
  };
  const audit = async () => (await h.admin<ReviewAuditView[]>('GET', `/sites/${SITE}/review-audit`)).body;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    site = await makeSite(t.ds, SITE);
    other = await makeSite(t.ds, OTHER);
    h = await reviewsHarness(t, SITE);
    t.clock.setNow(hall(MONDAY, '08:00:00'));
    for (const code of [SITE, OTHER]) expect((await patrol('PUT', '/schedule', { enabled: true }, code)).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('stops the rounds on a holiday entered in the working calendar, for every site or for the site', async () => {
    t.clock.setNow(hall(MONDAY, '18:00:00'));
    // Tuesday's rounds are already planned; a holiday declared for every site takes them back.
    expect(await roundCount(site, '2024-07-16')).toBe(4);
    expect((await h.admin('PUT', '/calendar', { from: '2024-07-16', to: '2024-07-17', kind: 'holiday', name: '全市假日' })).status).toBe(
      200,
    );
    for (const s of [site, other]) {
      expect(await roundCount(s, '2024-07-16')).toBe(0);
      expect(await roundCount(s, '2024-07-17')).toBe(0);
    }
    // The site's own holiday is its own.
    expect((await h.admin('PUT', `/calendar?site=${SITE}`, { from: '2024-07-18', kind: 'holiday', name: '本厅假日' })).status).toBe(200);
    expect(await roundCount(site, '2024-07-18')).toBe(0);
    expect(await roundCount(other, '2024-07-18')).toBe(4);
    // The site's own entry wins over the one for every site.
    expect((await h.admin('PUT', '/calendar', { from: '2024-07-19', kind: 'holiday', name: '全市假日' })).status).toBe(200);
    expect(await patrol('PUT', '/calendar/2024-07-19', { kind: 'workday' })).toMatchObject({
      status: 200,
      body: { day: '2024-07-19', kind: 'workday', name: null },
    });
    expect(await roundCount(site, '2024-07-19')).toBe(4);
    expect(await roundCount(other, '2024-07-19')).toBe(0);

    // The patrol screen lists every day that decides the site's rounds, the site's own where it has one.
    expect((await patrol<PatrolCalendarDayView[]>('GET', '/calendar?from=2024-07-01&to=2024-07-31')).body).toEqual([
      { day: '2024-07-16', kind: 'holiday', name: '全市假日' },
      { day: '2024-07-17', kind: 'holiday', name: '全市假日' },
      { day: '2024-07-18', kind: 'holiday', name: '本厅假日' },
      { day: '2024-07-19', kind: 'workday', name: null },
    ]);
    expect((await patrol<PatrolCalendarDayView[]>('GET', '/calendar?from=2024-07-01&to=2024-07-31', undefined, OTHER)).body).toEqual([
      { day: '2024-07-16', kind: 'holiday', name: '全市假日' },
      { day: '2024-07-17', kind: 'holiday', name: '全市假日' },
      { day: '2024-07-19', kind: 'holiday', name: '全市假日' },
    ]);
    // Removing the site's own entry gives the day back to the one for every site.
    expect((await patrol('DELETE', '/calendar/2024-07-19')).status).toBe(204);
    expect(await roundCount(site, '2024-07-19')).toBe(0);
    // A day only the entry for every site decides is not the site's to remove; the answer says where it is kept.
    const removed = await patrol('DELETE', '/calendar/2024-07-17');
    expect(removed).toMatchObject({
      status: 404,
      body: {
        message: `Site "${SITE}" has no calendar entry for 2024-07-17 of its own; the entry for every site is changed in the working calendar`,
      },
    });
    const everySite = await h.admin<CalendarDayView[]>('GET', '/calendar?from=2024-07-17&to=2024-07-17');
    expect(everySite.body).toEqual([{ day: '2024-07-17', kind: 'holiday', name: '全市假日', site: null }]);
  });

  it("moves an open follow-up's deadlines when a day is entered on the patrol screen, and audits the edit", async () => {
    t.clock.setNow(hall('2024-09-27', '18:00:00'));
    await h.post([ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1' }, hall('2024-09-27', '16:00:00'), 'fri-bad')]);
    expect(await h.caseOf('fri-bad')).toMatchObject({
      contactDueAt: '2024-09-30T16:00:00.000Z', // end of Monday 30th, hall time
      resolveDueAt: '2024-10-04T16:00:00.000Z', // 30th, 1st–4th
    });

    expect(await patrol('PUT', '/calendar/2024-10-01', { kind: 'holiday', name: '国庆节' })).toMatchObject({
      status: 200,
      body: { day: '2024-10-01', kind: 'holiday', name: '国庆节' },
    });
    expect((await h.caseOf('fri-bad')).resolveDueAt).toBe('2024-10-07T16:00:00.000Z'); // 30th, 2nd–4th, 7th
    expect((await audit())[0]).toMatchObject({
      action: 'calendar.set',
      actor: 'admin-token',
      site: SITE,
      subject: 'calendar:2024-10-01',
      detail: { kind: 'holiday', name: '国庆节', site: SITE, days: 1 },
    });
    expect((await audit())[0].ip).toBeTruthy();

    // A weekend day worked in exchange brings the first contact forward.
    expect((await patrol('PUT', '/calendar/2024-09-28', { kind: 'workday' })).status).toBe(200);
    expect(await h.caseOf('fri-bad')).toMatchObject({ contactDueAt: '2024-09-28T16:00:00.000Z', resolveDueAt: '2024-10-04T16:00:00.000Z' });

    expect((await patrol('DELETE', '/calendar/2024-10-01')).status).toBe(204);
    expect((await patrol('DELETE', '/calendar/2024-09-28')).status).toBe(204);
    expect(await h.caseOf('fri-bad')).toMatchObject({ contactDueAt: '2024-09-30T16:00:00.000Z', resolveDueAt: '2024-10-04T16:00:00.000Z' });
    expect((await audit())[0]).toMatchObject({ action: 'calendar.remove', actor: 'admin-token', subject: 'calendar:2024-09-28' });
  });

  it("gives the patrol page the next working days, so a notice's deadline falls on a day the department works", async () => {
    t.clock.setNow(hall('2024-11-01', '10:30:00')); // a Friday
    expect((await patrol('PUT', '/calendar/2024-11-04', { kind: 'holiday', name: '本厅假日' })).status).toBe(200);
    expect((await patrol('PUT', '/calendar/2024-11-09', { kind: 'workday' })).status).toBe(200);
    const today = await call<PatrolTodayView>(`${t.url}/api/v1/patrol/sites/${SITE}/today`, 'GET', REVIEWS_ADMIN_TOKEN);
    expect(today.status).toBe(200);
    // Not the weekend, not Monday's holiday; the Saturday worked in exchange counts.
    expect(today.body.nextWorkingDays).toEqual([
      '2024-11-05',
      '2024-11-06',
      '2024-11-07',
      '2024-11-08',
      '2024-11-09',
      '2024-11-11',
      '2024-11-12',
    ]);
    for (const day of ['2024-11-04', '2024-11-09']) expect((await patrol('DELETE', `/calendar/${day}`)).status).toBe(204);
  });

  it('carries the patrol holidays into the working calendar by migration, the site’s existing entries kept', async () => {
    const patrolTable = async () =>
      (await t.ds.query(`SELECT to_regclass('patrol_calendar_days') IS NOT NULL AS present`))[0].present as boolean;
    // Back to before the merge (and any migration after it).
    for (let undone = 0; !(await patrolTable()) && undone < t.ds.migrations.length; undone++) await t.ds.undoLastMigration();
    expect(await patrolTable()).toBe(true);
    // Undone, the merge gives patrol the site's own days back, and none of the days for every site.
    expect(
      await t.ds.query(`SELECT day::text AS day, kind, name FROM patrol_calendar_days WHERE site_id = $1 ORDER BY day`, [site.id]),
    ).toEqual([{ day: '2024-07-18', kind: 'holiday', name: '本厅假日' }]);

    // A holiday only patrol knew, and a patrol day that differs from the site's entry in the working calendar.
    await t.ds.query(`INSERT INTO patrol_calendar_days (site_id, day, kind, name) VALUES ($1, '2024-10-08', 'holiday', NULL)`, [site.id]);
    await t.ds.query(`UPDATE patrol_calendar_days SET kind = 'workday', name = '巡查调休' WHERE site_id = $1 AND day = '2024-07-18'`, [
      site.id,
    ]);
    await t.ds.runMigrations();
    expect(await patrolTable()).toBe(false);
    expect(
      await t.ds.query(
        `SELECT day::text AS day, kind, name FROM calendar_days WHERE scope = $1 AND day IN ('2024-07-18', '2024-10-08') ORDER BY day`,
        [site.id],
      ),
    ).toEqual([
      { day: '2024-07-18', kind: 'holiday', name: '本厅假日' },
      { day: '2024-10-08', kind: 'holiday', name: '' },
    ]);

    // The carried holiday stops the rounds and counts for the follow-ups.
    t.clock.setNow(hall('2024-10-07', '18:00:00'));
    expect(await roundCount(site, '2024-10-08')).toBe(0);
    expect(await roundCount(other, '2024-10-08')).toBe(4);
    expect((await patrol<PatrolCalendarDayView[]>('GET', '/calendar?from=2024-10-08&to=2024-10-08')).body).toEqual([
      { day: '2024-10-08', kind: 'holiday', name: null },
    ]);
    await h.post([ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1' }, hall('2024-10-07', '16:00:00'), 'mon-bad')]);
    expect((await h.caseOf('mon-bad')).contactDueAt).toBe('2024-10-09T16:00:00.000Z'); // the 8th is off: end of the 9th
  });
});
