import { IndicatorSnapshot, TrendSeriesView } from '@hallwatch/shared';
import { io } from 'socket.io-client';
import { auditCount, bearer, call, liveSocket, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// What each role may do beyond the matrix's 2xx-or-refused: leaders read but do not decide,
// a display token reads its own site's wall only, and nothing on the wall is anonymous.
describe('roles at work: leaders, display tokens, and no anonymous wall', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000' });
    await makeSite(t.ds, 'ro1', 1);
    await makeSite(t.ds, 'ro2', 1);
    await makeUser(t, 'ro-leader', 'leader', ['ro1']);
    await makeUser(t, 'ro-sup', 'supervisor', ['ro1']);
  });
  afterAll(async () => t.close());

  it('lets a leader read the trends but not decide an appeal, and audits the refusal', async () => {
    const leader = (await signIn(t.url, 'ro-leader')).token;
    const trends = await call<TrendSeriesView>(t.url, 'GET', '/api/v1/admin/trends/series?site=ro1', { token: leader });
    expect(trends.status).toBe(200);
    expect(trends.body.totals).toBeDefined();
    const before = await auditCount(t.ds, 'access.denied', `actor = 'ro-leader'`);
    const decide = await call(t.url, 'POST', `/api/v1/admin/sites/ro1/appeals/${NO_SUCH_ID}/decision`, {
      token: leader,
      body: { decision: 'upheld', reason: 'x' },
    });
    expect(decide.status).toBe(403);
    expect(await auditCount(t.ds, 'access.denied', `actor = 'ro-leader'`)).toBe(before + 1);
    // A supervisor gets past the rule to the appeal itself (which does not exist).
    const sup = (await signIn(t.url, 'ro-sup')).token;
    const supDecides = await call(t.url, 'POST', `/api/v1/admin/sites/ro1/appeals/${NO_SUCH_ID}/decision`, {
      token: sup,
      body: { decision: 'upheld', reason: 'x' },
    });
    expect([403, 401]).not.toContain(supDecides.status);
  });

  it('lists only the caller’s own sites', async () => {
    const leader = (await signIn(t.url, 'ro-leader')).token;
    const sites = await call<Array<{ code: string }>>(t.url, 'GET', '/api/v1/admin/sites', { token: leader });
    expect(sites.status).toBe(200);
    expect(sites.body.map((s) => s.code)).toEqual(['ro1']);
  });

  it("lets a display token read its own site's indicators and history, and nothing of another site", async () => {
    const wall = bearer(await t.displayToken('ro1'));
    const own = await fetch(`${t.url}/api/v1/sites/ro1/indicators`, { headers: wall });
    expect(own.status).toBe(200);
    expect(((await own.json()) as IndicatorSnapshot).site).toBe('ro1');
    expect((await fetch(`${t.url}/api/v1/sites/ro1/indicators/history?indicator=reviews.good_rate`, { headers: wall })).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/sites/ro2/indicators`, { headers: wall })).status).toBe(403);
    expect((await fetch(`${t.url}/api/v1/sites/ro2/indicators/history?indicator=reviews.good_rate`, { headers: wall })).status).toBe(403);
    expect((await fetch(`${t.url}/api/v1/sites/ro1/indicators`)).status).toBe(401);
  });

  it('refuses an anonymous /live socket, telling it why before closing it, and audits it', async () => {
    const before = await auditCount(t.ds, 'access.denied', `target = 'socket /live' AND site = 'ro2'`);
    const socket = io(`${t.url}/live`, { auth: { site: 'ro2' }, transports: ['websocket'], reconnection: false });
    const heard: string[] = [];
    socket.on('snapshot', () => heard.push('snapshot'));
    socket.on('denied', () => heard.push('denied'));
    const reason = await new Promise<string>((resolve) => socket.on('disconnect', resolve));
    expect(heard).toEqual(['denied']);
    expect(reason).toBe('io server disconnect');
    expect(await auditCount(t.ds, 'access.denied', `target = 'socket /live' AND site = 'ro2'`)).toBe(before + 1);
    // The same socket with the site's display token, sent as a header, is let in.
    const token = await t.displayToken('ro2');
    const ok = await liveSocket(t.url, { site: 'ro2' }, { authorization: `Bearer ${token}` });
    expect(ok.connected).toBe(true);
    ok.close();
  });
});
