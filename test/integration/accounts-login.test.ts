import { auditCount, call, login, makeUser, PASSWORD, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const MIN = 60_000;

describe('sign-in, backoff and session timeouts', () => {
  let t: TestApp;
  let now: number;
  // Every test walks the clock forward from here, so lockouts and sessions of one test end before the next.
  const advance = (ms: number) => {
    now += ms;
    t.clock.setNow(new Date(now));
  };

  beforeAll(async () => {
    // Requests come through a "proxy" on loopback, so X-Forwarded-For names the client address.
    t = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_RATE_PER_MINUTE: '1000', LOGIN_ADDRESS_FAILURES: '10' });
    await makeSite(t.ds, 'l1', 1);
    now = Date.now();
  });
  beforeEach(() => advance(60 * MIN));
  afterAll(async () => t.close());

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('signs in with a cookie that is HttpOnly, SameSite=Strict and not Secure over plain http; Bearer works too', async () => {
    await makeUser(t, 'alice', 'supervisor', ['l1']);
    const res = await login(t.url, 'Alice', PASSWORD, from('198.51.100.1'));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/hw_session=hws_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.user).toEqual({ username: 'alice', role: 'supervisor', sites: ['l1'], department: null, mustChangePassword: false });
    const viaCookie = await call(t.url, 'GET', '/api/v1/auth/me', { headers: { cookie: res.session!.cookie } });
    expect(viaCookie.body).toEqual(expect.objectContaining({ username: 'alice', role: 'supervisor' }));
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: res.session!.token })).status).toBe(200);
    const row = await t.ds.query(`SELECT token_hash FROM user_sessions ORDER BY created_at DESC LIMIT 1`);
    expect(row[0].token_hash).not.toContain(res.session!.token.slice(4, 20));
    const hash = await t.ds.query(`SELECT password_hash FROM users WHERE username = 'alice'`);
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('marks the cookie Secure when the request came over https through the trusted proxy', async () => {
    const res = await login(t.url, 'alice', PASSWORD, { ...from('198.51.100.1'), 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('holds the account back 30 seconds after five failures, whatever the password then', async () => {
    await makeUser(t, 'bob', 'leader', ['l1']);
    for (let i = 0; i < 4; i++) expect((await login(t.url, 'bob', 'wrong password!!', from('198.51.100.2'))).status).toBe(401);
    expect(await auditCount(t.ds, 'login.backoff')).toBe(0);
    const fifth = await login(t.url, 'bob', 'wrong password!!', from('198.51.100.3'));
    expect(fifth.status).toBe(401);
    expect(await auditCount(t.ds, 'login.backoff', `target = 'user:bob'`)).toBe(1);
    const held = await login(t.url, 'bob', PASSWORD, from('198.51.100.4'));
    expect(held.status).toBe(401);
    // The same answer as a wrong password: nothing tells an attacker the account exists or is held back.
    expect(held.body.message).toBe(fifth.body.message);
    // The test clock keeps running after it is set, and each sign-in hashes for a while: the
    // delay is judged against the moment of the fifth failure, as the server stored it.
    const [{ locked_until: until }]: Array<{ locked_until: Date }> = await t.ds.query(
      `SELECT locked_until FROM users WHERE username = 'bob'`,
    );
    const [{ last_failed_at: fifthAt }]: Array<{ last_failed_at: Date }> = await t.ds.query(
      `SELECT last_failed_at FROM users WHERE username = 'bob'`,
    );
    expect(until.getTime() - fifthAt.getTime()).toBe(30_000);
    now = until.getTime() - 5_000;
    t.clock.setNow(new Date(now));
    expect((await login(t.url, 'bob', PASSWORD, from('198.51.100.4'))).status).toBe(401);
    advance(6_000);
    expect((await login(t.url, 'bob', PASSWORD, from('198.51.100.4'))).status).toBe(200);
  });

  it('forgets failures older than the window, and a success resets the count', async () => {
    await makeUser(t, 'carol', 'patrol', ['l1']);
    for (let i = 0; i < 4; i++) await login(t.url, 'carol', 'wrong password!!', from('198.51.100.5'));
    advance(16 * MIN);
    for (let i = 0; i < 4; i++) await login(t.url, 'carol', 'wrong password!!', from('198.51.100.5'));
    expect((await login(t.url, 'carol', PASSWORD, from('198.51.100.5'))).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(t.url, 'carol', 'wrong password!!', from('198.51.100.5'));
    expect((await login(t.url, 'carol', PASSWORD, from('198.51.100.5'))).status).toBe(200);
    expect(await auditCount(t.ds, 'login.backoff', `target = 'user:carol'`)).toBe(0);
  });

  it('refuses an address after ten failures without counting its further attempts against anyone', async () => {
    await makeUser(t, 'dave', 'leader', ['l1']);
    await makeUser(t, 'erin', 'leader', ['l1']);
    const attacker = from('203.0.113.66');
    // Four failures each on two real accounts and two on unknown names: ten from one address.
    for (let i = 0; i < 4; i++) {
      expect((await login(t.url, 'dave', 'guess number ' + i, attacker)).status).toBe(401);
      expect((await login(t.url, 'erin', 'guess number ' + i, attacker)).status).toBe(401);
    }
    await login(t.url, 'nobody-1', 'whatever password', attacker);
    await login(t.url, 'nobody-2', 'whatever password', attacker);
    const refused = await login(t.url, 'dave', 'one more guess!!', attacker);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await login(t.url, 'erin', 'yet another guess', attacker)).status).toBe(429);
    // Neither account was locked by the flood: their owners sign in from their own desks.
    expect((await login(t.url, 'dave', PASSWORD, from('198.51.100.10'))).status).toBe(200);
    expect((await login(t.url, 'erin', PASSWORD, from('198.51.100.11'))).status).toBe(200);
    expect(await auditCount(t.ds, 'login.throttled', `address = '203.0.113.66'`)).toBe(11);
    // Unknown names are recorded as anonymous: a password typed into the name field stays out of the log.
    expect(await auditCount(t.ds, 'login.failed', `actor LIKE 'nobody%'`)).toBe(0);
    advance(16 * MIN);
    expect((await login(t.url, 'dave', PASSWORD, attacker)).status).toBe(200);
  });

  it('ends a session idle for 30 minutes', async () => {
    await makeUser(t, 'frank', 'supervisor', ['l1']);
    const s = await signIn(t.url, 'frank');
    advance(29 * MIN);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200);
    advance(29 * MIN);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200);
    advance(31 * MIN);
    const gone = await call<{ message: string }>(t.url, 'GET', '/api/v1/auth/me', { token: s.token });
    expect(gone.status).toBe(401);
    const [row] = await t.ds.query(`SELECT end_reason FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'frank'`);
    expect(row.end_reason).toBe('idle');
  });

  it('ends a busy session 12 hours after sign-in', async () => {
    await makeUser(t, 'grace', 'supervisor', ['l1']);
    const s = await signIn(t.url, 'grace');
    for (let step = 0; step < 24; step++) {
      advance(29 * MIN);
      expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200);
    }
    advance(29 * MIN);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(401);
    const [row] = await t.ds.query(`SELECT end_reason FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'grace'`);
    expect(row.end_reason).toBe('absolute');
  });

  it('signs out of every session of the account', async () => {
    await makeUser(t, 'heidi', 'leader', ['l1']);
    const phone = await signIn(t.url, 'heidi');
    const desk = await signIn(t.url, 'heidi');
    expect((await call(t.url, 'POST', '/api/v1/auth/logout', { headers: { cookie: desk.cookie } })).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: phone.token })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: desk.token })).status).toBe(401);
    expect(await auditCount(t.ds, 'logout', `actor = 'heidi'`)).toBe(1);
  });

  it('changes a password under the policy, ending every session', async () => {
    await makeUser(t, 'ivan', 'leader', ['l1']);
    const s = await signIn(t.url, 'ivan');
    const other = await signIn(t.url, 'ivan');
    const change = (currentPassword: string, newPassword: string) =>
      call<{ message: string; field?: string }>(t.url, 'POST', '/api/v1/auth/password', {
        token: s.token,
        body: { currentPassword, newPassword },
      });
    expect((await change('not my password', 'a brand new passphrase')).status).toBe(403);
    const short = await change(PASSWORD, 'short one');
    expect([short.status, short.body.field]).toEqual([400, 'newPassword']);
    expect((await change(PASSWORD, 'password1234')).body.message).toMatch(/common/);
    expect((await change(PASSWORD, 'my name is ivan, ok?')).body.message).toMatch(/username/);
    expect((await change(PASSWORD, 'a brand new passphrase')).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: other.token })).status).toBe(401);
    expect((await login(t.url, 'ivan', PASSWORD)).status).toBe(401);
    expect((await login(t.url, 'ivan', 'a brand new passphrase')).status).toBe(200);
    // The wrong current password counted as a failed sign-in.
    expect(await auditCount(t.ds, 'login.failed', `actor = 'ivan' AND details->>'reason' = 'current-password'`)).toBe(1);
  });

  it('makes a user replace a password an administrator set, before anything else', async () => {
    const id = await makeUser(t, 'judy', 'admin', ['l1']);
    await makeUser(t, 'root', 'admin', 'all');
    const root = await signIn(t.url, 'root');
    expect(
      (await call(t.url, 'POST', `/api/v1/admin/users/${id}/password`, { token: root.token, body: { password: 'temporary passphrase' } }))
        .status,
    ).toBe(204);
    const judy = await login(t.url, 'judy', 'temporary passphrase');
    expect(judy.body.user).toEqual(expect.objectContaining({ mustChangePassword: true }));
    const token = judy.session!.token;
    expect((await call(t.url, 'GET', '/api/v1/admin/sites/l1', { token })).status).toBe(403);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token })).status).toBe(200);
    const body = { currentPassword: 'temporary passphrase', newPassword: 'a phrase she chose herself' };
    expect((await call(t.url, 'POST', '/api/v1/auth/password', { token, body })).status).toBe(204);
    const again = await signIn(t.url, 'judy', 'a phrase she chose herself');
    expect((await call(t.url, 'GET', '/api/v1/admin/sites/l1', { token: again.token })).status).toBe(200);
  });

  it('forces a change of a password older than PASSWORD_MAX_AGE_DAYS when a deployment sets it (等保)', async () => {
    const aged = await startTestApp({ PASSWORD_MAX_AGE_DAYS: '90' });
    try {
      await makeSite(aged.ds, 'l9', 1);
      await makeUser(aged, 'old-timer', 'admin', ['l9']);
      expect((await login(aged.url, 'old-timer')).body.user).toEqual(expect.objectContaining({ mustChangePassword: false }));
      aged.clock.setNow(new Date(Date.now() + 91 * 24 * 60 * MIN));
      const res = await login(aged.url, 'old-timer');
      expect(res.body.user).toEqual(expect.objectContaining({ mustChangePassword: true }));
      expect((await call(aged.url, 'GET', '/api/v1/admin/sites/l9', { token: res.session!.token })).status).toBe(403);
    } finally {
      await aged.close();
    }
  });

  it('limits sign-in attempts per address per minute', async () => {
    const strict = await startTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await login(strict.url, 'nobody', 'whatever password')).status);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('rejects a cookie-authenticated change from a foreign page', async () => {
    await makeUser(t, 'kate', 'admin', ['l1']);
    const s = await signIn(t.url, 'kate');
    const res = await call(t.url, 'POST', '/api/v1/auth/logout', { headers: { cookie: s.cookie, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(200);
  });
});
