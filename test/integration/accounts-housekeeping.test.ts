import { randomBytes } from 'node:crypto';
import { SessionPurge } from '../../server/src/modules/accounts/session-purge';
import { login, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { runId } from '../support/test-env';

jest.setTimeout(90_000);

const HOUR = 3600_000;

describe('expired sessions are purged', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'hk1', 1);
    await makeUser(t, 'hk-sup', 'supervisor', ['hk1']);
  });
  afterAll(async () => t.close());

  it('deletes the rows past their 12-hour limit and keeps the live ones', async () => {
    const old = await signIn(t.url, 'hk-sup');
    t.clock.setNow(new Date(Date.now() + 13 * HOUR));
    const fresh = await signIn(t.url, 'hk-sup');
    const sessions = async () => ((await t.ds.query(`SELECT token_hash FROM user_sessions ORDER BY created_at`)) as unknown[]).length;
    expect(await sessions()).toBe(2);
    expect(await t.app.get(SessionPurge).run()).toBe(1);
    expect(await sessions()).toBe(1);
    expect((await fetch(`${t.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${fresh.token}` } })).status).toBe(200);
    expect((await fetch(`${t.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${old.token}` } })).status).toBe(401);
    expect(await t.app.get(SessionPurge).run()).toBe(0);
  });
});

describe('the sign-in rate limit is shared by the instances through Redis', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = { LOGIN_RATE_PER_MINUTE: '3', REDIS_PREFIX: `${runId()}:${randomBytes(3).toString('hex')}` };
    a = await startTestApp(env);
    b = await startTestApp(env, { databaseUrl: a.config.DATABASE_URL });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('refuses the fourth attempt in a minute from one address, whichever instance gets it', async () => {
    const statuses = [];
    for (const url of [a.url, b.url, a.url, b.url]) statuses.push((await login(url, 'nobody-here', 'a wrong passphrase')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
