import type {
  AppealView,
  DepartmentTasksView,
  FollowUpCaseView,
  FollowUpListView,
  PatrolDeductionRow,
  PatrolDeductionView,
  PatrolFindingView,
  PatrolNoticeView,
  PhoneRevealView,
} from '@hallwatch/shared';
import { auditCount, call, liveSocket, makeUser, signIn } from '../support/accounts';
import { PHONE_D1, seedTwoDepartments } from '../support/department-hall';
import { makeSite } from '../support/factories';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const SITE = 'dsc';

// A department account (进驻部门) works its own department's notices, findings, follow-ups and
// appeals, and nothing of another department's: their lists never show them, and naming one
// of their records answers exactly as a record that does not exist, while the audit log keeps
// the attempt. It cannot decide an appeal, close a case by the confirming call, or read the wall.
describe('a department account sees and answers only its own department', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let d1: string;
  let d2: string;
  let sup: string;
  const as = <T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown) =>
    call<T>(t.url, method, path, { token, body });
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    as<T>(REVIEWS_ADMIN_TOKEN, method, path, body);
  const patrolPath = `/api/v1/admin/sites/${SITE}/patrol`;
  const casesPath = `/api/v1/admin/sites/${SITE}/follow-ups`;
  const denials = (actor: string) => auditCount(t.ds, 'access.denied', `actor = $2`, [actor]);
  const caseOf = async (sourceId: string) => (await h.cases()).find((c) => c.sourceId === sourceId)!;
  const noticeOf = async (department: string) =>
    (await admin<PatrolNoticeView[]>('GET', `${patrolPath}/notices?status=all`)).body.find((n) => n.department === department)!;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000' });
    await makeSite(t.ds, SITE, 2);
    h = await reviewsHarness(t, SITE);
    await makeUser(t, 'dep.d1', 'department', { site: SITE, department: 'd1' });
    await makeUser(t, 'dep.d2', 'department', { site: SITE, department: 'd2' });
    await makeUser(t, 'dsc.sup', 'supervisor', [SITE]);
    [d1, d2, sup] = await Promise.all(['dep.d1', 'dep.d2', 'dsc.sup'].map(async (u) => (await signIn(t.url, u)).token));

    await seedTwoDepartments(t, SITE, REVIEWS_ADMIN_TOKEN);
    expect((await h.cases()).map((c) => c.sourceId).sort()).toEqual(['cp-d2', 'r-d1', 'r-d1b', 'r-d2', 'r-d2b']);
  });
  afterAll(async () => t.close());

  it('lands on its tasks: its open notice and finding, its open cases, its appeals and this month’s points', async () => {
    const res = await as<DepartmentTasksView>(d1, 'GET', `/api/v1/department/sites/${SITE}/tasks`);
    expect(res.status).toBe(200);
    const tasks = res.body;
    expect(tasks).toMatchObject({ site: SITE, department: { code: 'd1', name: '部门1', nameEn: 'Dept 1' } });
    expect(tasks.notices.map((n) => [n.clientId, n.department, n.deadline])).toEqual([['n-d1', 'd1', '2024-07-17T09:00:00.000Z']]);
    expect(tasks.findings.map((f) => f.department)).toEqual(['d1']);
    expect(tasks.followUps.map((c) => c.sourceId).sort()).toEqual(['r-d1', 'r-d1b']);
    expect(tasks.appeals).toEqual([]);
    expect(tasks.month).toMatchObject({ month: '2024-07', points: 3 });
    expect(tasks.month.deductions.map((d) => d.department)).toEqual(['d1']);
    const other = (await as<DepartmentTasksView>(d2, 'GET', `/api/v1/department/sites/${SITE}/tasks`)).body;
    expect(other.followUps.map((c) => c.sourceId).sort()).toEqual(['cp-d2', 'r-d2', 'r-d2b']);
    expect(other.month).toMatchObject({ points: 0, deductions: [] });
    // Nothing of the other department, nor its citizens' phones, in the whole answer.
    const text = JSON.stringify(tasks);
    for (const foreign of ['二号部门', 'r-d2', 'cp-d2', '4444', '6666'])
      expect([foreign, text.includes(foreign)]).toEqual([foreign, false]);
  });

  it('lists only its own notices, findings, follow-ups, appeals and deductions, whatever the query asks', async () => {
    const notices = await as<PatrolNoticeView[]>(d1, 'GET', `${patrolPath}/notices?status=all`);
    expect(notices.body.map((n) => n.department)).toEqual(['d1']);
    const findings = await as<PatrolFindingView[]>(d1, 'GET', `${patrolPath}/findings?status=all`);
    expect(findings.body.map((f) => f.department)).toEqual(['d1']);
    const cases = await as<FollowUpListView>(d1, 'GET', `${casesPath}?status=all`);
    expect(cases.body.cases.map((c) => c.department)).toEqual(['d1', 'd1']);
    const asked = await as<FollowUpListView>(d1, 'GET', `${casesPath}?status=all&department=d2`);
    expect(asked.body.cases).toEqual([]);
    const month = await as<PatrolDeductionView[]>(d1, 'GET', `${patrolPath}/deductions/2024-07`);
    expect(month.body.map((d) => [d.department, d.points])).toEqual([['d1', 3]]);
    expect((await as<PatrolDeductionView[]>(d2, 'GET', `${patrolPath}/deductions/2024-07`)).body).toEqual([]);
    const table = await as<PatrolDeductionRow[]>(d2, 'GET', `${patrolPath}/deductions?from=2024-01&to=2024-12`);
    expect(table.body).toEqual([]);
    // The desk still sees every department.
    expect((await as<FollowUpListView>(sup, 'GET', `${casesPath}?status=all`)).body.cases).toHaveLength(5);
    expect((await as<PatrolNoticeView[]>(sup, 'GET', `${patrolPath}/notices?status=all`)).body).toHaveLength(2);
  });

  it('answers another department’s record as missing, changes nothing, and audits the attempt', async () => {
    const foreignCase = await caseOf('r-d2');
    const foreignNotice = await noticeOf('d2');
    const missingCase = await as(d1, 'GET', `${casesPath}/00000000-0000-4000-8000-000000000000`);
    let before = await denials('dep.d1');
    const attempts: Array<[string, string, unknown]> = [
      ['GET', `${casesPath}/${foreignCase.id}`, undefined],
      ['POST', `${casesPath}/${foreignCase.id}/contact`, { reached: true, note: '冒充' }],
      ['POST', `${casesPath}/${foreignCase.id}/resolution`, { note: '冒充' }],
      ['POST', `${casesPath}/${foreignCase.id}/phone`, undefined],
      ['POST', `${patrolPath}/notices/${foreignNotice.id}/reply`, { reply: '冒充答复' }],
      ['POST', `/api/v1/admin/sites/${SITE}/reviews/r-d2/appeal`, { reason: 'malicious', statement: '冒充申诉' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await as<{ message: string }>(d1, method, path, body);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body.message).not.toMatch(/department|二号|4444/);
      expect(await denials('dep.d1')).toBe(before + 1);
      before++;
    }
    // The same answer as a case that does not exist, bar its id.
    expect(Object.keys(missingCase.body).sort()).toEqual(Object.keys((await as(d1, 'GET', `${casesPath}/${foreignCase.id}`)).body).sort());
    const entry = await t.ds.query(
      `SELECT details, role, site FROM audit_log WHERE action = 'access.denied' AND actor = 'dep.d1' AND target LIKE '%/phone'`,
    );
    expect(entry[0]).toMatchObject({ role: 'department', site: SITE, details: { status: 404 } });
    expect(entry[0].details.reason).toContain('"d2"');
    // Nothing changed and nothing was revealed.
    expect(await caseOf('r-d2')).toMatchObject({ status: foreignCase.status, firstContactAt: null, resolvedAt: null });
    expect(await noticeOf('d2')).toMatchObject({ status: 'open', reply: null });
    expect(await t.ds.query(`SELECT 1 FROM review_appeals WHERE review_id = 'r-d2'`)).toEqual([]);
    expect(await auditCount(t.ds, 'phone.reveal', `actor = 'dep.d1'`)).toBe(0);
  });

  it('works its own cases as their handler: calls, fix and its own citizens’ phones, but not the confirming call', async () => {
    const own = await caseOf('r-d1');
    const contact = await as<FollowUpCaseView>(d1, 'POST', `${casesPath}/${own.id}/contact`, { reached: true, note: '已联系' });
    expect(contact.status).toBe(200);
    expect(contact.body.firstContactAt).not.toBeNull();
    const reveal = await as<PhoneRevealView>(d1, 'POST', `${casesPath}/${own.id}/phone`);
    expect(reveal.status).toBe(200);
    expect(reveal.body.phone).toBe(PHONE_D1);
    expect(await auditCount(t.ds, 'phone.reveal', `actor = 'dep.d1'`)).toBe(1);
    const fix = await as<FollowUpCaseView>(d1, 'POST', `${casesPath}/${own.id}/resolution`, { note: '已整改' });
    expect(fix.body.status).toBe('awaiting_confirmation');
    const before = await denials('dep.d1');
    const confirm = await as(d1, 'POST', `${casesPath}/${own.id}/confirmation`, { satisfied: true });
    expect(confirm.status).toBe(403);
    expect(await denials('dep.d1')).toBe(before + 1);
    expect((await caseOf('r-d1')).status).toBe('awaiting_confirmation');
    const detail = await as<FollowUpCaseView>(d1, 'GET', `${casesPath}/${own.id}`);
    expect(detail.body.actions?.map((a) => [a.kind, a.actor])).toEqual([
      ['contact', 'dep.d1'],
      ['resolution', 'dep.d1'],
    ]);
  });

  it('replies to its own notice, which closes it and resolves its finding', async () => {
    const own = await noticeOf('d1');
    const reply = await as<PatrolNoticeView>(d1, 'POST', `${patrolPath}/notices/${own.id}/reply`, { reply: '已更换药箱' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'closed', reply: '已更换药箱', repliedBy: 'dep.d1' });
    const finding = (await admin<PatrolFindingView[]>('GET', `${patrolPath}/findings?status=all`)).body.find((f) => f.department === 'd1');
    expect(finding).toMatchObject({ status: 'resolved', resolution: '已更换药箱' });
    expect((await as<DepartmentTasksView>(d1, 'GET', `/api/v1/department/sites/${SITE}/tasks`)).body.notices).toEqual([]);
  });

  it('files an appeal for its own 差评, cannot decide it, and a supervisor who did not file it does', async () => {
    const filed = await as<AppealView>(d1, 'POST', `/api/v1/admin/sites/${SITE}/reviews/r-d1b/appeal`, {
      reason: 'mistaken',
      statement: '评价对象有误',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ department: 'd1', filedBy: 'dep.d1', status: 'pending' });
    const before = await denials('dep.d1');
    const own = await as(d1, 'POST', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}/decision`, { decision: 'upheld', note: '自批' });
    expect(own.status).toBe(403);
    expect(await denials('dep.d1')).toBe(before + 1);
    // Another department neither sees it nor reaches it, and its attempt is audited.
    const d2Before = await denials('dep.d2');
    expect((await as<AppealView[]>(d2, 'GET', `/api/v1/admin/sites/${SITE}/appeals`)).body).toEqual([]);
    expect((await as(d2, 'GET', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}`)).status).toBe(404);
    expect(await denials('dep.d2')).toBe(d2Before + 1);
    expect((await as<AppealView[]>(d1, 'GET', `/api/v1/admin/sites/${SITE}/appeals`)).body.map((a) => a.id)).toEqual([filed.body.id]);
    const tasks = (await as<DepartmentTasksView>(d1, 'GET', `/api/v1/department/sites/${SITE}/tasks`)).body;
    expect(tasks.appeals.map((a) => [a.reviewId, a.status])).toEqual([['r-d1b', 'pending']]);
    const decided = await as<AppealView>(sup, 'POST', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}/decision`, {
      decision: 'upheld',
      note: '核实属误评',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'upheld', filedBy: 'dep.d1', decidedBy: 'dsc.sup' });
    expect((await as<AppealView>(d1, 'GET', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}`)).body.status).toBe('upheld');
  });

  it('keeps the filer from deciding, and audits that refusal too', async () => {
    const filed = await as<AppealView>(sup, 'POST', `/api/v1/admin/sites/${SITE}/reviews/r-d2b/appeal`, {
      reason: 'malicious',
      statement: '恶意差评',
    });
    expect(filed.status).toBe(201);
    const before = await denials('dsc.sup');
    const own = await as<{ message: string }>(sup, 'POST', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}/decision`, {
      decision: 'upheld',
      note: '自批',
    });
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/filed/);
    expect(await denials('dsc.sup')).toBe(before + 1);
    expect((await admin<AppealView>('GET', `/api/v1/admin/sites/${SITE}/appeals/${filed.body.id}`)).body.status).toBe('pending');
  });

  it('never reads the wall nor another site, and an account without its department reads nothing', async () => {
    const before = await denials('dep.d1');
    expect((await as(d1, 'GET', `/api/v1/sites/${SITE}/indicators`)).status).toBe(403);
    expect((await as(d1, 'GET', `/api/v1/department/sites/elsewhere/tasks`)).status).toBe(403);
    expect((await as(sup, 'GET', `/api/v1/department/sites/${SITE}/tasks`)).status).toBe(403);
    expect(await denials('dep.d1')).toBe(before + 2);
    await expect(liveSocket(t.url, { site: SITE, token: d1 })).rejects.toThrow();
    // A binding lost (damaged data) leaves the account with nothing rather than with everything.
    await t.ds.query(`UPDATE user_sites SET department_code = NULL WHERE user_id = (SELECT id FROM users WHERE username = 'dep.d2')`);
    const loose = await as(d2, 'GET', `${casesPath}?status=all`);
    expect(loose.status).toBe(403);
    expect((await as(d2, 'GET', '/api/v1/auth/me')).status).toBe(200);
  });
});
