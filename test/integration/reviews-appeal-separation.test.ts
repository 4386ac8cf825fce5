import { AppealView } from '@hallwatch/shared';
import { makeUser, signIn } from '../support/accounts';
import { ErrorBody } from '../support/admin-api';
import { ev, makeSite } from '../support/factories';
import { one, REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// 申诉 is a check by a second person: whoever filed an appeal may not decide it, whatever their role.
describe('an appeal is decided by someone other than who filed it', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let supA: string;
  let supB: string;
  const at = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    await makeSite(t.ds, 'sep');
    h = await reviewsHarness(t, 'sep');
    await makeUser(t, 'sup.a', 'supervisor', ['sep']);
    await makeUser(t, 'sup.b', 'supervisor', ['sep']);
    supA = (await signIn(t.url, 'sup.a')).token;
    supB = (await signIn(t.url, 'sup.b')).token;
    await h.post([
      ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1' }, at, 'bad-1'),
      ev('review.submitted', { rating: 2, channel: 'pad', department: 'd1' }, at, 'bad-2'),
    ]);
  });
  afterAll(async () => t.close());

  const decide = (id: string, token: string) =>
    h.admin<AppealView & ErrorBody>('POST', `/sites/sep/appeals/${id}/decision`, { decision: 'upheld', note: '核实' }, token);

  it('refuses the filer (a supervisor, or the admin token) and lets a second supervisor decide', async () => {
    const filed = await h.admin<AppealView>('POST', '/sites/sep/reviews/bad-1/appeal', { reason: 'malicious', statement: '恶意' }, supA);
    expect(filed.status).toBe(201);
    expect(filed.body.filedBy).toBe('sup.a');

    const own = await decide(filed.body.id, supA);
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/filed/);
    expect(await one(t.ds, `SELECT status, decided_by FROM review_appeals WHERE id = $1`, [filed.body.id])).toEqual({
      status: 'pending',
      decided_by: null,
    });
    expect(await one(t.ds, `SELECT excluded FROM reviews WHERE event_id = 'bad-1'`)).toEqual({ excluded: false });

    const other = await decide(filed.body.id, supB);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ status: 'upheld', filedBy: 'sup.a', decidedBy: 'sup.b' });

    const byToken = await h.admin<AppealView>('POST', '/sites/sep/reviews/bad-2/appeal', { reason: 'mistaken', statement: '误评' });
    expect(byToken.body.filedBy).toBe('admin-token');
    expect((await decide(byToken.body.id, REVIEWS_ADMIN_TOKEN)).status).toBe(403);
    expect((await decide(byToken.body.id, supA)).status).toBe(200);
  });
});
