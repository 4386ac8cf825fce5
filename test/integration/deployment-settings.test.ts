import { loadConfig } from '../../server/src/core/config/app-config';
import { call, login, makeUser } from '../support/accounts';
import { getJson } from '../support/http';
import { PrivateRedis } from '../support/private-redis';
import { startTestApp, TestApp } from '../support/test-app';

// HALLWATCH_HTTPS, the session limits and /health on a Redis that refuses CONFIG: the settings
// that decide whether a deployment works where it is installed (docs/security.md).

jest.setTimeout(60_000);

const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie') ?? '';

describe('HALLWATCH_HTTPS', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  async function appWith(env: Record<string, string>): Promise<TestApp> {
    const t = await startTestApp({ TRUST_PROXY: 'loopback', ...env });
    apps.push(t);
    await makeUser(t, 'https-user', 'admin', 'all');
    return t;
  }

  it('auto (the default): a plain-http page is not upgraded to https, and gets neither HSTS nor a Secure cookie', async () => {
    const t = await appWith({});
    const page = await fetch(`${t.url}/health`);
    expect(page.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const res = await login(t.url, 'https-user');
    expect(res.status).toBe(200);
    expect(cookieOf(res)).not.toMatch(/;\s*Secure/i);
    // Behind a proxy that says the browser used https, both follow the request.
    const viaHttps = await fetch(`${t.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaHttps.headers.get('strict-transport-security')).toContain('max-age=');
    const secure = await login(t.url, 'https-user', undefined, { 'x-forwarded-proto': 'https' });
    expect(cookieOf(secure)).toMatch(/;\s*Secure/i);
  });

  it('true: every page asks for https, sends HSTS, and the cookie is Secure even on a plain request', async () => {
    const t = await appWith({ HALLWATCH_HTTPS: 'true' });
    const page = await fetch(`${t.url}/health`);
    expect(page.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toContain('max-age=');
    expect(cookieOf(await login(t.url, 'https-user'))).toMatch(/;\s*Secure/i);
  });

  it('false: none of the three, even for a request a proxy marks as https', async () => {
    const t = await appWith({ HALLWATCH_HTTPS: 'false' });
    const page = await fetch(`${t.url}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    expect(cookieOf(await login(t.url, 'https-user', undefined, { 'x-forwarded-proto': 'https' }))).not.toMatch(/;\s*Secure/i);
  });

  it('refuses a value other than auto, true or false, naming the variable', () => {
    expect(() => loadConfig({ HALLWATCH_HTTPS: 'yes' })).toThrow(/HALLWATCH_HTTPS/);
  });
});

describe('session limits from the environment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '5', SESSION_ABSOLUTE_HOURS: '1' });
    await makeUser(t, 'limits-user', 'admin', 'all');
  });
  afterAll(() => t.close());

  const me = (token: string) => call(t.url, 'GET', '/api/v1/auth/me', { token }).then((r) => r.status);

  it('ends a session idle for SESSION_IDLE_MINUTES', async () => {
    const start = new Date('2025-03-03T01:00:00Z');
    t.clock.setNow(start);
    const token = String((await login(t.url, 'limits-user')).body.token);
    t.clock.setNow(new Date(start.getTime() + 4 * 60_000));
    expect(await me(token)).toBe(200);
    t.clock.setNow(new Date(start.getTime() + 10 * 60_000));
    expect(await me(token)).toBe(401);
  });

  it('ends a session SESSION_ABSOLUTE_HOURS after sign-in however busy it is', async () => {
    const start = new Date('2025-03-04T01:00:00Z');
    t.clock.setNow(start);
    const res = await login(t.url, 'limits-user');
    // The test clock keeps running after setNow: the sign-in happened a moment after `start`.
    const lifetime = new Date(String(res.body.expiresAt)).getTime() - start.getTime();
    expect(lifetime).toBeGreaterThanOrEqual(3600_000);
    expect(lifetime).toBeLessThan(3600_000 + 60_000);
    const token = String(res.body.token);
    for (let m = 4; m < 60; m += 4) {
      t.clock.setNow(new Date(start.getTime() + m * 60_000));
      expect(await me(token)).toBe(200);
    }
    // Half a minute past the hour: idle only four and a half minutes, so the absolute limit is what ends it.
    t.clock.setNow(new Date(start.getTime() + 60.5 * 60_000));
    expect(await me(token)).toBe(401);
  });

  it('refuses limits that are not whole positive numbers, or an absolute limit not longer than the idle one', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: '1.5' })).toThrow(/SESSION_ABSOLUTE_HOURS/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '90', SESSION_ABSOLUTE_HOURS: '1' })).toThrow(
      /SESSION_ABSOLUTE_HOURS: must be longer than SESSION_IDLE_MINUTES/,
    );
  });
});

interface Health {
  status: string;
  info?: { redis?: { status: string; maxmemoryPolicy?: string; message?: string } };
  error?: Record<string, { message?: string }>;
}

describe('/health on a managed Redis that refuses CONFIG', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await PrivateRedis.start(['--rename-command', 'CONFIG', '']);
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.down();
  });

  it('stays up and reports the eviction policy as unknown, saying why', async () => {
    const res = await getJson<Health>(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info?.redis).toMatchObject({ status: 'up', maxmemoryPolicy: 'unknown' });
    expect(res.body.info?.redis?.message).toMatch(/CONFIG GET refused/);
  });
});
