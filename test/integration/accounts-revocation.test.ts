import { Socket } from 'socket.io-client';
import { accountServices, asCli } from '../../server/src/cli/commands/account-services';
import { signRequest } from '../../server/src/core/auth/request-signature';
import { auditCount, call, disconnected, liveSocket, makeUser, signIn, sleep } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'revocation-admin-token-012345';
const MIN = 60_000;
// "Within seconds": the HTTP revocations are broadcast at once; the sweep runs every half second here.
// The margin is for a loaded CI machine; what is tested is that the socket ends, not how fast.
const WITHIN_MS = 5000;

describe('revoking sessions, display tokens and device keys, over HTTP and the live socket', () => {
  let t: TestApp;
  let admin: string;
  const sockets: Socket[] = [];
  const open = async (auth: Record<string, string>, headers: Record<string, string> = {}) => {
    const s = await liveSocket(t.url, auth, headers);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp({
      ADMIN_TOKEN,
      LIVE_AUTH_SWEEP_MS: '500',
      CORS_ORIGINS: 'https://wall.example.gov.cn',
    });
    await makeSite(t.ds, 'r1', 1);
    await makeSite(t.ds, 'r2', 1);
    await makeUser(t, 'rev-admin', 'admin', ['r1']);
    admin = (await signIn(t.url, 'rev-admin')).token;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('opens the socket with a session token or the session cookie, on one of the account’s sites only', async () => {
    await makeUser(t, 'rev-sup', 'supervisor', ['r1']);
    const s = await signIn(t.url, 'rev-sup');
    expect((await open({ token: s.token })).connected).toBe(true);
    expect((await open({ site: 'r1' }, { cookie: s.cookie })).connected).toBe(true);
    await expect(open({ token: s.token, site: 'r2' })).rejects.toThrow();
    await expect(open({ token: 'hws_not-a-real-session-token' })).rejects.toThrow();
    expect(await auditCount(t.ds, 'access.denied', `target = 'socket /live' AND site = 'r2'`)).toBe(1);
  });

  it('refuses an anonymous wall, and a page from a foreign origin', async () => {
    await expect(open({ site: 'r1' })).rejects.toThrow();
    const s = await signIn(t.url, 'rev-sup');
    await expect(open({ token: s.token }, { origin: 'https://evil.example' })).rejects.toThrow();
    expect((await open({ token: s.token }, { origin: 'https://wall.example.gov.cn' })).connected).toBe(true);
    expect((await open({ token: s.token }, { origin: t.url })).connected).toBe(true);
  });

  it('disconnects the sockets of a user whose sessions an admin ends, within seconds', async () => {
    const id = await makeUser(t, 'rev-leader', 'leader', ['r1']);
    const s = await signIn(t.url, 'rev-leader');
    const socket = await open({ token: s.token });
    const gone = disconnected(socket);
    expect((await call(t.url, 'POST', `/api/v1/admin/users/${id}/sessions/revoke`, { token: admin })).status).toBe(200);
    expect(await gone).toBeLessThan(WITHIN_MS);
    expect((await call(t.url, 'GET', '/api/v1/auth/me', { token: s.token })).status).toBe(401);
    await expect(open({ token: s.token })).rejects.toThrow();
  });

  it('disconnects a socket when its user signs out elsewhere or its session idles out', async () => {
    await makeUser(t, 'rev-watch', 'supervisor', ['r1']);
    const a = await signIn(t.url, 'rev-watch');
    const socket = await open({ token: a.token });
    const gone = disconnected(socket);
    expect((await call(t.url, 'POST', '/api/v1/auth/logout', { token: a.token })).status).toBe(204);
    expect(await gone).toBeLessThan(WITHIN_MS);

    const b = await signIn(t.url, 'rev-watch');
    const idle = await open({ token: b.token });
    const idleGone = disconnected(idle);
    t.clock.setNow(new Date(t.clock.now().getTime() + 31 * MIN));
    expect(await idleGone).toBeLessThan(WITHIN_MS);
    t.clock.setNow(new Date(Date.now()));
  });

  it('revokes a display token over HTTP: its wall is disconnected and cannot come back', async () => {
    const issued = await call<{ token: string; id: string }>(t.url, 'POST', '/api/v1/admin/sites/r1/display-tokens', {
      token: admin,
      body: { name: 'lobby TV' },
    });
    expect(issued.status).toBe(201);
    const wall = await open({ token: issued.body.token });
    // Read-only: the display token opens the socket, not the admin API.
    expect((await call(t.url, 'GET', '/api/v1/admin/sites/r1', { token: issued.body.token })).status).toBe(403);
    await expect(open({ token: issued.body.token, site: 'r2' })).rejects.toThrow();
    const gone = disconnected(wall);
    expect((await call(t.url, 'DELETE', `/api/v1/admin/sites/r1/display-tokens/${issued.body.id}`, { token: admin })).status).toBe(204);
    expect(await gone).toBeLessThan(WITHIN_MS);
    await expect(open({ token: issued.body.token })).rejects.toThrow();
  });

  it('disconnects within seconds when the CLI revokes a display token (another process: the sweep finds it)', async () => {
    const cli = accountServices(t.ds, t.config);
    const issued = await asCli(() => cli.displays.create('r1', 'corridor TV', 'cli'));
    const wall = await open({ token: issued!.token });
    const gone = disconnected(wall);
    expect(await asCli(() => cli.displays.revoke(null, issued!.prefix))).toBe(true);
    expect(await gone).toBeLessThan(WITHIN_MS);
    expect(await auditCount(t.ds, 'display-token.revoke', `actor = 'cli'`)).toBe(1);
  });

  it('revokes a device key over HTTP: the next event is refused with 401', async () => {
    const key = await call<{ key: string; id: string }>(t.url, 'POST', '/api/v1/admin/sites/r1/device-keys', {
      token: admin,
      body: { name: 'pad 3' },
    });
    expect(key.status).toBe(201);
    expect(
      (await postEvents(t.url, key.body.key, ev('ticket.issued', { ticket: 'A001', department: 'd1', channel: 'walk_in' }))).status,
    ).toBe(200);
    expect((await call(t.url, 'DELETE', `/api/v1/admin/sites/r1/device-keys/${key.body.id}`, { token: admin })).status).toBe(204);
    const refused = await postEvents(t.url, key.body.key, ev('ticket.issued', { ticket: 'A002', department: 'd1', channel: 'walk_in' }));
    expect(refused.status).toBe(401);
    expect(await auditCount(t.ds, 'access.denied', `target = 'POST /api/v1/events'`)).toBeGreaterThanOrEqual(1);
  });

  it('checks the HMAC signature of a key that requires one, within a five-minute window', async () => {
    const key = await call<{ key: string; id: string }>(t.url, 'POST', '/api/v1/admin/sites/r1/device-keys', {
      token: admin,
      body: { name: 'signing gateway', requireSignature: true },
    });
    const send = (body: string, signature?: string) =>
      fetch(`${t.url}/api/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key.body.key}`,
          'content-type': 'application/json',
          ...(signature ? { 'x-hallwatch-signature': signature } : {}),
        },
        body,
      });
    const body = JSON.stringify(ev('ticket.issued', { ticket: 'S001', department: 'd1', channel: 'walk_in' }));
    const nowSec = Math.floor(t.clock.now().getTime() / 1000);
    expect((await send(body)).status).toBe(401);
    expect((await send(body, signRequest(key.body.key, nowSec, body))).status).toBe(200);
    // A body altered after signing, a signature made with another key, and stale or future timestamps.
    expect((await send(body.replace('S001', 'S999'), signRequest(key.body.key, nowSec, body))).status).toBe(401);
    expect((await send(body, signRequest('hwk_some-other-key', nowSec, body))).status).toBe(401);
    expect((await send(body, signRequest(key.body.key, nowSec - 330, body))).status).toBe(401);
    expect((await send(body, signRequest(key.body.key, nowSec + 330, body))).status).toBe(401);
    expect((await send(body, signRequest(key.body.key, nowSec - 270, body))).status).toBe(200);
    expect((await send(body, 't=abc,v1=zz')).status).toBe(401);
    // Turning the requirement off: unsigned requests pass again, and a wrong signature still does not.
    expect(
      (await call(t.url, 'PATCH', `/api/v1/admin/sites/r1/device-keys/${key.body.id}`, { token: admin, body: { requireSignature: false } }))
        .status,
    ).toBe(200);
    expect((await send(body)).status).toBe(200);
    expect((await send(body, signRequest('hwk_some-other-key', nowSec, body))).status).toBe(401);
  });

  it('keeps ADMIN_TOKEN working as the break-glass credential, recorded as such', async () => {
    const res = await call(t.url, 'PATCH', '/api/v1/admin/sites/r2', { token: ADMIN_TOKEN, body: { name: '第二大厅' } });
    expect(res.status).toBe(200);
    expect(await auditCount(t.ds, 'registry.site.update', `actor = 'admin-token' AND site = 'r2'`)).toBe(1);
    await sleep(10);
  });
});

describe('revocation broadcast without waiting for the sweep', () => {
  it('closes the socket at once when the revocation is made on this server', async () => {
    const t = await startTestApp({ LIVE_AUTH_SWEEP_MS: '600000' });
    try {
      await makeSite(t.ds, 'b1', 1);
      const id = await makeUser(t, 'bc-admin', 'admin', ['b1']);
      const s = await signIn(t.url, 'bc-admin');
      const other = await signIn(t.url, 'bc-admin');
      const socket = await liveSocket(t.url, { token: s.token });
      const gone = disconnected(socket);
      expect((await call(t.url, 'POST', `/api/v1/admin/users/${id}/sessions/revoke`, { token: other.token })).status).toBe(200);
      // The sweep here runs every ten minutes: ending within seconds means the broadcast did it.
      expect(await gone).toBeLessThan(WITHIN_MS);
      // Nothing is anonymous: neither the ended session's cookie nor its token opens the wall again.
      await expect(liveSocket(t.url, { site: 'b1' }, { cookie: s.cookie })).rejects.toThrow();
      await expect(liveSocket(t.url, { site: 'b1', token: s.token })).rejects.toThrow();
    } finally {
      await t.close();
    }
  });
});
