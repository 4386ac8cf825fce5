import { auditCount, call, login, makeUser, PASSWORD } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Anyone who knows a username must not be able to keep its owner out: failed sign-ins slow the
// account down by a growing delay instead of locking it, and the owner's own browser, known
// from an earlier sign-in, is not held back at all (docs/security.md).

jest.setTimeout(120_000);

const SEC = 1000;
const MIN = 60 * SEC;
const ADMIN_TOKEN = 'test-admin-token-lockout-abuse';

describe('failed sign-ins cannot lock the owner out', () => {
  let t: TestApp;
  // From the server's clock as it stands, time that passed included: a step counted from a
  // remembered moment would drop the seconds a loaded machine spent on the requests in between.
  const advance = (ms: number) => t.clock.setNow(new Date(t.clock.now().getTime() + ms));

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', LOGIN_RATE_PER_MINUTE: '1000', ADMIN_TOKEN });
    await makeSite(t.ds, 'lo', 1);
  });
  beforeEach(() => advance(60 * MIN));
  afterAll(() => t.close());

  const from = (address: string, device?: string) => ({
    'x-forwarded-for': address,
    ...(device ? { cookie: device } : {}),
  });
  /** The owner's browser after a successful sign-in: the device cookie it was given. */
  const deviceCookie = (res: { headers: Headers }): string => {
    const m = /hw_device=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
    if (!m) throw new Error(`no device cookie in ${res.headers.get('set-cookie')}`);
    return `hw_device=${m[1]}`;
  };
  const fiveFailures = async (name: string) => {
    for (let i = 0; i < 5; i++) expect((await login(t.url, name, `wrong guess ${i}!!`, from(`203.0.113.${10 + i}`))).status).toBe(401);
  };

  it('lets the owner in from their own browser at once after five failures from five addresses', async () => {
    await makeUser(t, 'leader.li', 'leader', ['lo']);
    const first = await login(t.url, 'leader.li', PASSWORD, from('198.51.100.20'));
    expect(first.status).toBe(200);
    const device = deviceCookie(first);
    const deviceSetCookie = (first.headers.get('set-cookie') ?? '').split('hw_device=')[1];
    expect(deviceSetCookie).toMatch(/Path=\/api\/v1\/auth;.*HttpOnly; SameSite=Strict/);
    await fiveFailures('leader.li');
    expect((await login(t.url, 'leader.li', PASSWORD, from('198.51.100.20', device))).status).toBe(200);
  });

  it('holds a new browser back for a short, growing delay, not fifteen minutes', async () => {
    await makeUser(t, 'leader.wu', 'leader', ['lo']);
    await fiveFailures('leader.wu');
    const held = await login(t.url, 'leader.wu', PASSWORD, from('198.51.100.21'));
    expect(held.status).toBe(401);
    expect(await auditCount(t.ds, 'login.backoff', `target = 'user:leader.wu'`)).toBe(1);
    advance(31 * SEC);
    // One more wrong guess once the delay is over doubles it.
    expect((await login(t.url, 'leader.wu', 'one more guess!!', from('203.0.113.30'))).status).toBe(401);
    advance(31 * SEC);
    expect((await login(t.url, 'leader.wu', PASSWORD, from('198.51.100.21'))).status).toBe(401);
    advance(30 * SEC);
    expect((await login(t.url, 'leader.wu', PASSWORD, from('198.51.100.21'))).status).toBe(200);
    // Attempts made during a delay were refused without a password check counting against anyone.
    expect(await auditCount(t.ds, 'login.failed', `target = 'user:leader.wu' AND details->>'reason' = 'backoff'`)).toBe(2);
  });

  it('never delays a new browser by more than five minutes, however long the attack goes on', async () => {
    await makeUser(t, 'leader.qian', 'leader', ['lo']);
    for (let i = 0; i < 12; i++) {
      await login(t.url, 'leader.qian', `persistent guess ${i}`, from(`203.0.113.${40 + i}`));
      advance(5 * MIN + SEC);
    }
    expect((await login(t.url, 'leader.qian', PASSWORD, from('198.51.100.22'))).status).toBe(200);
  });

  it('stops trusting a browser after five wrong passwords from it', async () => {
    await makeUser(t, 'leader.zhao', 'leader', ['lo']);
    const device = deviceCookie(await login(t.url, 'leader.zhao', PASSWORD, from('198.51.100.23')));
    for (let i = 0; i < 5; i++)
      expect((await login(t.url, 'leader.zhao', `stolen laptop ${i}`, from('198.51.100.23', device))).status).toBe(401);
    expect(await auditCount(t.ds, 'login.device.forgotten', `target = 'user:leader.zhao'`)).toBe(1);
    await fiveFailures('leader.zhao');
    expect((await login(t.url, 'leader.zhao', PASSWORD, from('198.51.100.23', device))).status).toBe(401);
  });

  it('lets an administrator lift the delay at once', async () => {
    const id = await makeUser(t, 'leader.sun', 'leader', ['lo']);
    await fiveFailures('leader.sun');
    const unlocked = await call(t.url, 'POST', `/api/v1/admin/users/${id}/unlock`, { token: ADMIN_TOKEN });
    expect(unlocked.status).toBe(200);
    expect((await login(t.url, 'leader.sun', PASSWORD, from('198.51.100.24'))).status).toBe(200);
  });
});
