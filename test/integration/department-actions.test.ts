import type { AppealView, DepartmentTasksView, PatrolNoticeView } from '@hallwatch/shared';
import { call, makeUser, signIn } from '../support/accounts';
import { seedTwoDepartments } from '../support/department-hall';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { hall, MONDAY } from '../support/patrol';
import { REVIEWS_ADMIN_TOKEN } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const SITE = 'dact';

interface Refusal {
  statusCode: number;
  field?: string;
  message: string;
}

// What the department page sends, refused field by field: each bad input is answered 400 naming
// its field and leaves nothing stored, another department's record is answered as missing, and
// the appeal the page and the desk show carries the review it contests, never the citizen's phone.
describe('the department page’s acts: bad input and another department’s records store nothing', () => {
  let t: TestApp;
  let d1: string;
  let d2: string;
  let sup: string;
  const as = <T = Refusal>(token: string, method: string, path: string, body?: unknown) => call<T>(t.url, method, path, { token, body });
  const admin = `/api/v1/admin/sites/${SITE}`;
  const count = async (sql: string, params: unknown[] = []) => ((await t.ds.query(sql, params)) as Array<{ n: number }>)[0].n;
  const noticeId = async (clientId: string) =>
    ((await t.ds.query(`SELECT id FROM patrol_notices WHERE client_id = $1`, [clientId])) as Array<{ id: string }>)[0].id;
  const caseId = async (sourceId: string) =>
    ((await t.ds.query(`SELECT id FROM follow_up_cases WHERE source_id = $1`, [sourceId])) as Array<{ id: string }>)[0].id;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000' });
    await makeSite(t.ds, SITE, 2);
    await makeUser(t, 'act.d1', 'department', { site: SITE, department: 'd1' });
    await makeUser(t, 'act.d2', 'department', { site: SITE, department: 'd2' });
    await makeUser(t, 'act.sup', 'supervisor', [SITE]);
    [d1, d2, sup] = await Promise.all(['act.d1', 'act.d2', 'act.sup'].map(async (u) => (await signIn(t.url, u)).token));
    await seedTwoDepartments(t, SITE, REVIEWS_ADMIN_TOKEN);
    // A good rating of d1's, with a comment, to try to appeal.
    const posted = await postEvents(t.url, await t.deviceKey(SITE), {
      events: [ev('review.submitted', { rating: 4, channel: 'pad', department: 'd1', window: 'w1' }, hall(MONDAY, '10:05:00'), 'r-good')],
    });
    expect(posted.status).toBe(200);
  });
  afterAll(async () => t.close());

  it('refuses a notice reply that is blank, too long or signed blank, naming the field, and keeps the notice open', async () => {
    const id = await noticeId('n-d1');
    const cases: Array<[unknown, string]> = [
      [{}, 'reply'],
      [{ reply: '   ' }, 'reply'],
      [{ reply: 'x'.repeat(2001) }, 'reply'],
      [{ reply: 7 }, 'reply'],
      [{ reply: '已整改', by: ' ' }, 'by'],
      [{ reply: '已整改', by: 'x'.repeat(65) }, 'by'],
    ];
    for (const [body, field] of cases) {
      const res = await as(d1, 'POST', `${admin}/patrol/notices/${id}/reply`, body);
      expect([JSON.stringify(body).slice(0, 40), res.status, res.body.field]).toEqual([JSON.stringify(body).slice(0, 40), 400, field]);
    }
    expect(
      await count(`SELECT count(*)::int AS n FROM patrol_notices WHERE client_id = 'n-d1' AND status = 'open' AND reply IS NULL`),
    ).toBe(1);
  });

  it('answers another department’s notice as missing and stores nothing; a second reply to its own is a conflict', async () => {
    const foreign = await noticeId('n-d2');
    const res = await as(d1, 'POST', `${admin}/patrol/notices/${foreign}/reply`, { reply: '代为答复' });
    expect(res.status).toBe(404);
    // The other department's code as a word (a notice's uuid may hold the letters by chance).
    expect(res.body.message).not.toMatch(/\bd2\b/);
    expect(
      await count(`SELECT count(*)::int AS n FROM patrol_notices WHERE client_id = 'n-d2' AND status = 'open' AND reply IS NULL`),
    ).toBe(1);
    const own = await noticeId('n-d1');
    const first = await as<PatrolNoticeView>(d1, 'POST', `${admin}/patrol/notices/${own}/reply`, { reply: '已整改', by: '张三' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'closed', reply: '已整改', repliedBy: '张三' });
    const again = await as(d1, 'POST', `${admin}/patrol/notices/${own}/reply`, { reply: '再次答复' });
    expect(again.status).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM patrol_notices WHERE client_id = 'n-d1' AND reply = '已整改'`)).toBe(1);
  });

  it('refuses a call without its outcome and a fix without its note, naming the field, and logs nothing', async () => {
    const id = await caseId('r-d1');
    const bad: Array<[string, unknown, string]> = [
      ['contact', {}, 'reached'],
      ['contact', { reached: 'yes' }, 'reached'],
      ['contact', { reached: true, note: 'x'.repeat(2001) }, 'note'],
      ['resolution', {}, 'note'],
      ['resolution', { note: '  ' }, 'note'],
    ];
    for (const [step, body, field] of bad) {
      const res = await as(d1, 'POST', `${admin}/follow-ups/${id}/${step}`, body);
      expect([step, res.status, res.body.field]).toEqual([step, 400, field]);
    }
    expect(await count(`SELECT count(*)::int AS n FROM follow_up_actions WHERE case_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM follow_up_cases WHERE id = $1 AND status = 'awaiting_contact'`, [id])).toBe(1);
  });

  it('refuses an appeal without a reason or statement, of a good rating, or of another department’s review', async () => {
    const bad: Array<[string, unknown, number, string | undefined]> = [
      ['r-d1b', { statement: '误评' }, 400, 'reason'],
      ['r-d1b', { reason: 'unhappy', statement: '误评' }, 400, 'reason'],
      ['r-d1b', { reason: 'mistaken' }, 400, 'statement'],
      ['r-d1b', { reason: 'mistaken', statement: ' ' }, 400, 'statement'],
      ['r-d1b', { reason: 'mistaken', statement: 'x'.repeat(4001) }, 400, 'statement'],
      ['r-good', { reason: 'mistaken', statement: '好评也想申诉' }, 400, 'reviewId'],
      ['r-d2b', { reason: 'mistaken', statement: '替别的部门申诉' }, 404, undefined],
      ['no-such-review', { reason: 'mistaken', statement: '不存在' }, 404, undefined],
    ];
    for (const [review, body, status, field] of bad) {
      const res = await as(d1, 'POST', `${admin}/reviews/${review}/appeal`, body);
      expect([review, res.status, res.body.field]).toEqual([review, status, field]);
    }
    expect(await count(`SELECT count(*)::int AS n FROM review_appeals`)).toBe(0);
  });

  it('files an appeal that carries its review (rating, window, time; no phone), once, and only the desk decides it', async () => {
    const filed = await as<AppealView>(d1, 'POST', `${admin}/reviews/r-d1/appeal`, {
      reason: 'malicious',
      statement: '群众当场表示要报复',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      reviewId: 'r-d1',
      department: 'd1',
      status: 'pending',
      filedBy: 'act.d1',
      review: { rating: 1, window: 'w1', channel: 'pad', occurredAt: hall(MONDAY, '10:00:00').toISOString() },
    });
    expect(JSON.stringify(filed.body)).not.toMatch(/1391111|2222/);
    const twice = await as(d1, 'POST', `${admin}/reviews/r-d1/appeal`, { reason: 'mistaken', statement: '再次申诉' });
    expect(twice.status).toBe(409);
    // The page's and the desk's reads carry the same review.
    const tasks = await as<DepartmentTasksView>(d1, 'GET', `/api/v1/department/sites/${SITE}/tasks`);
    expect(tasks.body.appeals.map((a) => [a.reviewId, a.review?.rating])).toEqual([['r-d1', 1]]);
    const desk = await as<AppealView[]>(sup, 'GET', `${admin}/appeals?status=pending`);
    expect(desk.body.map((a) => [a.reviewId, a.review?.window])).toEqual([['r-d1', 'w1']]);
    expect((await as<AppealView[]>(d2, 'GET', `${admin}/appeals`)).body).toEqual([]);

    const byDept = await as(d1, 'POST', `${admin}/appeals/${filed.body.id}/decision`, { decision: 'upheld', note: '自批' });
    expect(byDept.status).toBe(403);
    const noGrounds = await as(sup, 'POST', `${admin}/appeals/${filed.body.id}/decision`, { decision: 'rejected', note: ' ' });
    expect([noGrounds.status, noGrounds.body.field]).toEqual([400, 'note']);
    const noDecision = await as(sup, 'POST', `${admin}/appeals/${filed.body.id}/decision`, { note: '核实' });
    expect([noDecision.status, noDecision.body.field]).toEqual([400, 'decision']);
    expect(await count(`SELECT count(*)::int AS n FROM review_appeals WHERE status = 'pending' AND decided_by IS NULL`)).toBe(1);
  });

  it('refuses the filer’s own decision with 403 naming the decision, audited, and stores nothing', async () => {
    const filed = await as<AppealView>(sup, 'POST', `${admin}/reviews/r-d2/appeal`, { reason: 'mistaken', statement: '部门电话申诉' });
    expect(filed.status).toBe(201);
    const own = await as(sup, 'POST', `${admin}/appeals/${filed.body.id}/decision`, { decision: 'upheld', note: '核实' });
    expect([own.status, own.body.field]).toEqual([403, 'decision']);
    expect(own.body.message).toContain('act.sup filed this appeal');
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND actor = 'act.sup'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM review_appeals WHERE id = $1 AND status = 'pending'`, [filed.body.id])).toBe(1);
  });
});
