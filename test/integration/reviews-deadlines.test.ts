import { CalendarDayView, ReviewAuditView } from '@hallwatch/shared';
import { makeSite, ev } from '../support/factories';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

// Starting the app on its own database takes seconds on a loaded machine; jest's 5 s default is too short.
jest.setTimeout(60_000);

// docs/contracts/reviews.md: first contact within 1 working day, a fix within the site's deadline (default 5
// working days), on a calendar of holidays and make-up working days, in the site's zone.
describe('follow-up deadlines on the working-day calendar', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    await makeSite(t.ds, 'dl');
    h = await reviewsHarness(t, 'dl');
    // 2024 国庆 as the State Council set it: 1–7 October off, Sunday 29 Sept and Saturday 12 Oct worked.
    const off = await h.admin('PUT', '/calendar', { from: '2024-10-01', to: '2024-10-07', kind: 'holiday', name: '国庆节' });
    expect(off.status).toBe(200);
    expect((off.body as unknown as CalendarDayView[]).length).toBe(7);
    for (const day of ['2024-09-29', '2024-10-12'])
      expect((await h.admin('PUT', '/calendar', { from: day, kind: 'workday', name: '国庆节调休' })).status).toBe(200);
  });
  afterAll(async () => t.close());

  it('gives a bad review left on Friday 16:00 before 国庆 until the make-up Sunday, and five working days across the holiday', async () => {
    await h.post([
      ev(
        'review.submitted',
        { rating: 1, channel: 'pad', department: 'd1', window: 'w1', staff: 's1', realName: true, phone: '13812345678' },
        new Date('2024-09-27T16:00:00+08:00'),
        'fri-bad',
      ),
      ev(
        'complaint.received',
        { source: 'hotline_12345', summary: '办事要跑三次', department: 'd2' },
        new Date('2024-09-27T16:05:00+08:00'),
        'fri-complaint',
      ),
      ev('review.submitted', { rating: 4, channel: 'pad', department: 'd1' }, new Date('2024-09-27T16:10:00+08:00'), 'fri-good'),
    ]);
    const c = await h.caseOf('fri-bad');
    expect(c).toMatchObject({
      kind: 'review',
      status: 'awaiting_contact',
      department: 'd1',
      realName: true,
      phoneMasked: '138****5678',
      contactDueAt: '2024-09-29T16:00:00.000Z', // end of Sunday 29th, hall time
      resolveDueAt: '2024-10-10T16:00:00.000Z', // 29th, 30th, 8th, 9th, 10th
    });
    expect((await h.caseOf('fri-complaint')).resolveDueAt).toBe('2024-10-10T16:00:00.000Z');
    // A good review opens nothing.
    expect((await h.cases()).map((x) => x.sourceId).sort()).toEqual(['fri-bad', 'fri-complaint']);
  });

  it("uses the site's own deadline (localities use 5, 7 or 15 working days)", async () => {
    const site = await makeSite(t.ds, 'dl15');
    await t.ds.query(`UPDATE sites SET settings = '{"followUpDays": 15}' WHERE id = $1`, [site.id]);
    const h15 = await reviewsHarness(t, 'dl15');
    await h15.post([
      ev('review.submitted', { rating: 2, channel: 'app', department: 'd1' }, new Date('2024-09-27T16:00:00+08:00'), 'slow'),
    ]);
    // 29, 30 Sept; 8–12 Oct (the 12th a make-up Saturday); 14–18; 21, 22, 23.
    expect((await h15.caseOf('slow')).resolveDueAt).toBe('2024-10-23T16:00:00.000Z');
  });

  it("judges the day in the site's time zone", async () => {
    const la = await makeSite(t.ds, 'dlla');
    await t.ds.query(`UPDATE sites SET timezone = 'America/Los_Angeles' WHERE id = $1`, [la.id]);
    const hla = await reviewsHarness(t, 'dlla');
    const instant = new Date('2024-09-27T17:00:00Z'); // Saturday 01:00 in Shanghai, Friday 10:00 in Los Angeles
    await h.post([ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1' }, instant, 'sat-sh')]);
    await hla.post([ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1' }, instant, 'fri-la')]);
    // Shanghai: from Saturday the next working day is the make-up Sunday.
    expect((await h.caseOf('sat-sh')).contactDueAt).toBe('2024-09-29T16:00:00.000Z');
    // Los Angeles: from Friday, the same make-up Sunday (the calendar is every site's), ending at its midnight.
    expect((await hla.caseOf('fri-la')).contactDueAt).toBe('2024-09-30T07:00:00.000Z');
  });

  it("moves open cases' deadlines when a site adds a holiday, and audits the edit", async () => {
    const local = await h.admin('PUT', '/calendar?site=dl', { from: '2024-09-30', kind: 'holiday', name: '地方假日' });
    expect(local.status).toBe(200);
    const moved = await h.caseOf('fri-bad');
    expect(moved.contactDueAt).toBe('2024-09-29T16:00:00.000Z');
    expect(moved.resolveDueAt).toBe('2024-10-11T16:00:00.000Z'); // the 30th is off now: 29, 8, 9, 10, 11
    // Another site's cases keep theirs.
    const other = await reviewsHarness(t, 'dl15');
    expect((await other.caseOf('slow')).resolveDueAt).toBe('2024-10-23T16:00:00.000Z');
    const audit = await h.admin<ReviewAuditView[]>('GET', '/sites/dl/review-audit');
    expect(audit.body[0]).toMatchObject({ action: 'calendar.set', actor: 'admin-token', subject: 'calendar:2024-09-30', site: 'dl' });
    expect(audit.body[0].ip).toBeTruthy();

    expect((await h.admin('DELETE', '/calendar/2024-09-30?site=dl')).status).toBe(204);
    expect((await h.caseOf('fri-bad')).resolveDueAt).toBe('2024-10-10T16:00:00.000Z');
  });

  it('lists the calendar and refuses malformed edits, naming the field', async () => {
    const list = await h.admin<CalendarDayView[]>('GET', '/calendar?from=2024-09-01&to=2024-10-31');
    expect(list.body.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual(['2024-09-29', '2024-10-12']);
    const bad = await h.admin('PUT', '/calendar', { from: '2024-02-30', kind: 'holiday', name: 'x' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'from' } });
    const kind = await h.admin('PUT', '/calendar', { from: '2024-05-01', kind: 'weekend', name: 'x' });
    expect(kind).toMatchObject({ status: 400, body: { field: 'kind' } });
    expect((await h.admin('PUT', '/calendar', { from: '2024-05-01', kind: 'holiday', name: 'x' }, null)).status).toBe(401);
  });
});
