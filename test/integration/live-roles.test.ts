import type { Role } from '@hallwatch/shared';
import { Socket } from 'socket.io-client';
import { auditCount, bearer, liveSocket, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { getJson } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// The wall's snapshot reaches exactly the roles that may read it over HTTP: the socket and
// `GET /sites/:site/indicators` must never disagree on who sees the hall.
describe('the live socket admits the roles of the indicators route, and only those', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'lr', 1);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const roles: Role[] = ['admin', 'supervisor', 'leader', 'patrol'];

  it('refuses a patrol account on both, and serves admin, supervisor, leader and a display token on both', async () => {
    const tokens: Array<[string, string]> = [];
    for (const role of roles) {
      await makeUser(t, `lr.${role}`, role, ['lr']);
      tokens.push([role, (await signIn(t.url, `lr.${role}`)).token]);
    }
    tokens.push(['display', await t.displayToken('lr')]);

    for (const [role, token] of tokens) {
      const rest = await getJson(`${t.url}/api/v1/sites/lr/indicators`, bearer(token));
      const socket = liveSocket(t.url, { token, site: 'lr' }).then((s) => (sockets.push(s), s));
      if (role === 'patrol') {
        expect(rest.status).toBe(403);
        await expect(socket).rejects.toThrow('refused');
      } else {
        expect({ role, status: rest.status }).toEqual({ role, status: 200 });
        expect((await socket).connected).toBe(true);
      }
    }
    expect(await auditCount(t.ds, 'access.denied', `target = 'socket /live' AND actor = 'lr.patrol'`)).toBe(1);
  });
});
