import { AppealView, FollowUpCaseView, IndicatorSnapshot, PhoneRevealView, ReviewAuditView, TrendSeriesView } from '@hallwatch/shared';
import { bearer, makeUser, signIn } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { getJson } from '../support/http';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

// Starting the app on its own database takes seconds on a loaded machine; jest's 5 s default is too short.
jest.setTimeout(60_000);

// 申诉: an upheld appeal removes the review from every rate, the live ones included; the
// filing and the decision are audited. A phone number is shown in full only through an
// audited reveal.
describe('appeals and the audited phone reveal', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  // Appeals are filed with the admin token and decided by a supervisor: one person cannot do both.
  let supervisor: string;
  // A minute ago, and the hall day it fell on (the live rates read today's reviews).
  const at = new Date(Date.now() - 60_000);
  const now = () => at;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const series = async () => (await h.admin<TrendSeriesView>('GET', `/trends/series?site=apl&from=${day}&to=${day}`)).body.totals;
  const live = async () =>
    (await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/apl/indicators`, bearer(REVIEWS_ADMIN_TOKEN))).body.values;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    await makeSite(t.ds, 'apl');
    h = await reviewsHarness(t, 'apl');
    await makeUser(t, 'apl.sup', 'supervisor', ['apl']);
    supervisor = (await signIn(t.url, 'apl.sup')).token;
    await h.post([
      ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1' }, now(), 'g1'),
      ev('review.submitted', { rating: 4, channel: 'pad', department: 'd1' }, now(), 'g2'),
      ev(
        'review.submitted',
        { rating: 1, channel: 'pad', department: 'd1', comment: '恶意刷差评', realName: true, phone: '13912345678' },
        now(),
        'spite',
      ),
      ev('review.submitted', { rating: 2, channel: 'app', department: 'd1', phone: '13700001111' }, now(), 'fair'),
    ]);
    await h.rollups.flushAll();
  });
  afterAll(async () => t.close());

  it('counts every review before any appeal', async () => {
    expect(await series()).toMatchObject({ reviews: 4, good: 2, bad: 2, realNameBad: 1 });
    expect(await live()).toMatchObject({ 'reviews.good_rate': 0.5, 'reviews.bad.open': 2 });
  });

  it('refuses appeals against good reviews, unknown reviews and malformed filings', async () => {
    expect((await h.admin('POST', '/sites/apl/reviews/g1/appeal', { reason: 'malicious', statement: '无' })).status).toBe(400);
    expect((await h.admin('POST', '/sites/apl/reviews/nope/appeal', { reason: 'malicious', statement: '无' })).status).toBe(404);
    expect(await h.admin('POST', '/sites/apl/reviews/spite/appeal', { reason: 'angry', statement: '无' })).toMatchObject({
      status: 400,
      body: { field: 'reason' },
    });
    expect((await h.admin('POST', '/sites/apl/reviews/spite/appeal', { reason: 'malicious', statement: 'x' }, null)).status).toBe(401);
  });

  it('removes the review from the rates when the appeal is upheld, and audits both steps', async () => {
    const filed = await h.admin<AppealView>('POST', '/sites/apl/reviews/spite/appeal', {
      reason: 'malicious',
      statement: '同一号码当日在五个窗口均给出非常不满意，监控显示未办理业务',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'pending', department: 'd1', filedBy: 'admin-token' });
    expect((await h.admin('POST', '/sites/apl/reviews/spite/appeal', { reason: 'mistaken', statement: '再次申诉' })).status).toBe(409);
    // Pending: the review still counts.
    await h.rollups.flushAll();
    expect(await series()).toMatchObject({ reviews: 4, bad: 2 });

    const decided = await h.admin<AppealView>(
      'POST',
      `/sites/apl/appeals/${filed.body.id}/decision`,
      { decision: 'upheld', note: '经核实属恶意差评' },
      supervisor,
    );
    expect(decided.body).toMatchObject({ status: 'upheld', decidedBy: 'apl.sup', decisionNote: '经核实属恶意差评' });
    expect((await h.admin('POST', `/sites/apl/appeals/${filed.body.id}/decision`, { decision: 'rejected', note: '改判' })).status).toBe(
      409,
    );

    expect(await one(t.ds, `SELECT excluded, follow_up_open FROM reviews WHERE event_id = 'spite'`)).toEqual({
      excluded: true,
      follow_up_open: false,
    });
    const c = await h.caseOf('spite');
    expect(c.status).toBe('withdrawn');
    expect(c.appeal?.status).toBe('upheld');
    await h.rollups.flushAll();
    expect(await series()).toMatchObject({ reviews: 3, good: 2, bad: 1, realNameBad: 0 });
    expect(await live()).toMatchObject({ 'reviews.good_rate': 2 / 3, 'reviews.bad.open': 1 });

    const audit = (await h.admin<ReviewAuditView[]>('GET', `/sites/apl/review-audit?subject=appeal:${filed.body.id}`)).body;
    expect(audit.map((a) => a.action)).toEqual(['appeal.decide', 'appeal.file']);
    expect(audit[0]).toMatchObject({
      actor: 'apl.sup',
      detail: { reviewId: 'spite', from: 'pending', to: 'upheld', note: '经核实属恶意差评' },
      userAgent: expect.any(String),
    });
    expect(audit[0].ip).toMatch(/127\.0\.0\.1/);
  });

  it('keeps a review whose appeal is rejected', async () => {
    const filed = await h.admin<AppealView>('POST', '/sites/apl/reviews/fair/appeal', { reason: 'mistaken', statement: '群众误操作' });
    const decided = await h.admin(
      'POST',
      `/sites/apl/appeals/${filed.body.id}/decision`,
      { decision: 'rejected', note: '回访确认群众本意' },
      supervisor,
    );
    expect(decided.status).toBe(200);
    expect(await one(t.ds, `SELECT excluded, follow_up_open FROM reviews WHERE event_id = 'fair'`)).toEqual({
      excluded: false,
      follow_up_open: true,
    });
    expect((await h.admin<AppealView[]>('GET', '/sites/apl/appeals?status=rejected')).body.map((a) => a.reviewId)).toEqual(['fair']);
  });

  it('shows phone numbers masked, and reveals one only on request, recording who and from where', async () => {
    const list = await h.admin('GET', '/sites/apl/follow-ups?status=all');
    const text = JSON.stringify(list.body);
    expect(text).toContain('137****1111');
    expect(text).not.toContain('13700001111');
    const c = await h.caseOf('fair');
    const detail = await h.admin<FollowUpCaseView>('GET', `/sites/apl/follow-ups/${c.id}`);
    expect(JSON.stringify(detail.body)).not.toContain('13700001111');

    expect((await h.admin('POST', `/sites/apl/follow-ups/${c.id}/phone`, undefined, null)).status).toBe(401);
    expect((await h.admin('POST', `/sites/apl/follow-ups/${c.id}/phone`, undefined, 'wrong-token-wrong-token')).status).toBe(401);
    const before = Number((await one<{ n: string }>(t.ds, `SELECT count(*) AS n FROM audit_log WHERE action = 'phone.reveal'`)).n);
    expect(before).toBe(0);

    const res = await fetch(`${t.url}/api/v1/admin/sites/apl/follow-ups/${c.id}/phone`, {
      method: 'POST',
      headers: { authorization: `Bearer ${REVIEWS_ADMIN_TOKEN}`, 'user-agent': 'callback-desk/1.0' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reveal = (await res.json()) as PhoneRevealView;
    expect(reveal.phone).toBe('13700001111');
    const audit = (await h.admin<ReviewAuditView[]>('GET', `/sites/apl/review-audit?subject=follow-up:${c.id}`)).body;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ id: reveal.auditId, action: 'phone.reveal', actor: 'admin-token', userAgent: 'callback-desk/1.0' });
    expect(audit[0].detail).toEqual({ kind: 'review', sourceId: 'fair', masked: '137****1111' });
    expect(JSON.stringify(audit)).not.toContain('13700001111');

    const g = await h.admin('POST', `/sites/apl/follow-ups/${(await h.caseOf('spite')).id}/phone`);
    expect(g.status).toBe(200);
  });
});
