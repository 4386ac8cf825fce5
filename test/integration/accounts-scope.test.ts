import { call, makeUser, Session, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'scope-admin-token-0123456789';

describe('site scope: nothing of another site is visible or changeable', () => {
  let t: TestApp;
  let east: Session;
  let west: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN });
    await makeSite(t.ds, 'east', 1);
    await makeSite(t.ds, 'west', 1);
    await makeUser(t, 'east-admin', 'admin', ['east']);
    await makeUser(t, 'west-admin', 'admin', ['west']);
    ids.westLeader = await makeUser(t, 'west-leader', 'leader', ['west']);
    ids.both = await makeUser(t, 'both-sup', 'supervisor', ['east', 'west']);
    east = await signIn(t.url, 'east-admin');
    west = await signIn(t.url, 'west-admin');
    const token = await call<{ id: string }>(t.url, 'POST', '/api/v1/admin/sites/west/display-tokens', {
      token: ADMIN_TOKEN,
      body: { name: 'west TV' },
    });
    ids.westDisplay = token.body.id;
    const key = await call<{ id: string }>(t.url, 'POST', '/api/v1/admin/sites/west/device-keys', {
      token: ADMIN_TOKEN,
      body: { name: 'west pad' },
    });
    ids.westKey = key.body.id;
    // Something of west's in the audit log.
    await call(t.url, 'PATCH', '/api/v1/admin/sites/west/windows/w1', { token: west.token, body: { isOpen: false } });
  });
  afterAll(async () => t.close());

  it('refuses another site’s registry, tokens and keys by its code', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/admin/sites/west'],
      ['GET', '/api/v1/admin/sites/west/windows'],
      ['PATCH', '/api/v1/admin/sites/west/windows/w1'],
      ['GET', '/api/v1/admin/sites/west/display-tokens'],
      ['DELETE', `/api/v1/admin/sites/west/display-tokens/${ids.westDisplay}`],
      ['GET', '/api/v1/admin/sites/west/device-keys'],
      ['DELETE', `/api/v1/admin/sites/west/device-keys/${ids.westKey}`],
      ['GET', '/api/v1/admin/audit?site=west'],
    ] as const) {
      const res = await call(t.url, method, path, { token: east.token, body: method === 'PATCH' ? { isOpen: true } : undefined });
      expect([path, res.status]).toEqual([path, 403]);
      expect(JSON.stringify(res.body)).not.toMatch(/west TV|west pad|w1"/);
    }
    // Still there and unchanged for west's own admin.
    expect((await call<unknown[]>(t.url, 'GET', '/api/v1/admin/sites/west/display-tokens', { token: west.token })).body).toHaveLength(1);
    expect(
      (await call<Array<{ revokedAt: string | null }>>(t.url, 'GET', '/api/v1/admin/sites/west/device-keys', { token: west.token })).body[0]
        .revokedAt,
    ).toBeNull();
  });

  it('answers 404 for another site’s ids under one’s own site', async () => {
    expect((await call(t.url, 'DELETE', `/api/v1/admin/sites/east/display-tokens/${ids.westDisplay}`, { token: east.token })).status).toBe(
      404,
    );
    expect((await call(t.url, 'DELETE', `/api/v1/admin/sites/east/device-keys/${ids.westKey}`, { token: east.token })).status).toBe(404);
    expect(
      (
        await call(t.url, 'PATCH', `/api/v1/admin/sites/east/device-keys/${ids.westKey}`, {
          token: east.token,
          body: { requireSignature: true },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call<Array<{ revokedAt: string | null }>>(t.url, 'GET', '/api/v1/admin/sites/west/device-keys', { token: west.token })).body[0]
        .revokedAt,
    ).toBeNull();
  });

  it('hides accounts of other sites, and accounts that span beyond the admin’s sites', async () => {
    const list = await call<Array<{ username: string }>>(t.url, 'GET', '/api/v1/admin/users', { token: east.token });
    expect(list.body.map((u) => u.username)).toEqual(['east-admin']);
    for (const id of [ids.westLeader, ids.both]) {
      for (const [method, path, body] of [
        ['GET', `/api/v1/admin/users/${id}`, undefined],
        ['PATCH', `/api/v1/admin/users/${id}`, { role: 'admin' }],
        ['POST', `/api/v1/admin/users/${id}/password`, { password: 'taken over by east' }],
        ['POST', `/api/v1/admin/users/${id}/unlock`, undefined],
        ['POST', `/api/v1/admin/users/${id}/sessions/revoke`, undefined],
      ] as const) {
        const res = await call(t.url, method, path, { token: east.token, body });
        expect([path, res.status]).toEqual([path, 404]);
        expect(JSON.stringify(res.body)).not.toMatch(/west-leader|both-sup/);
      }
    }
    expect((await signIn(t.url, 'west-leader')).token).toMatch(/^hws_/);
  });

  it('does not let an admin grant sites beyond their own, or make an account of every site', async () => {
    const make = (body: Record<string, unknown>) => call(t.url, 'POST', '/api/v1/admin/users', { token: east.token, body });
    expect((await make({ username: 'sneaky', role: 'admin', sites: ['west'], password: 'a fine long passphrase' })).status).toBe(403);
    expect((await make({ username: 'sneaky', role: 'admin', allSites: true, password: 'a fine long passphrase' })).status).toBe(403);
    expect((await make({ username: 'east-sup', role: 'supervisor', sites: ['east'], password: 'a fine long passphrase' })).status).toBe(
      201,
    );
  });

  it('shows an admin only their sites’ audit entries', async () => {
    const entries = await call<Array<{ site: string | null }>>(t.url, 'GET', '/api/v1/admin/audit', { token: east.token });
    expect(entries.status).toBe(200);
    expect(entries.body.every((e) => e.site === 'east')).toBe(true);
    const westEntries = await call<Array<{ site: string | null; action: string }>>(t.url, 'GET', '/api/v1/admin/audit?site=west', {
      token: west.token,
    });
    expect(westEntries.body.map((e) => e.action)).toContain('registry.window.update');
  });

  it('requires a site-scoped account to name a site on routes that span sites', async () => {
    expect((await call(t.url, 'GET', '/api/v1/admin/calendar', { token: east.token })).status).toBe(403);
    expect((await call(t.url, 'GET', '/api/v1/admin/calendar?site=east', { token: east.token })).status).toBe(200);
    expect((await call(t.url, 'GET', '/api/v1/admin/calendar', { token: ADMIN_TOKEN })).status).toBe(200);
    // The site list narrows itself to the account's sites instead.
    const listed = await call<Array<{ code: string }>>(t.url, 'GET', '/api/v1/admin/sites', { token: east.token });
    expect(listed.body.map((s) => s.code)).toEqual(['east']);
    expect((await call<unknown[]>(t.url, 'GET', '/api/v1/admin/sites', { token: ADMIN_TOKEN })).body.length).toBeGreaterThan(1);
    const bad = await call(t.url, 'GET', '/api/v1/admin/audit?site=east&site=west', { token: east.token });
    expect(bad.status).toBe(400);
  });
});

describe('site scope over the three tiers: a site granted brings the sites under it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const hall = await makeSite(t.ds, 'tier-hall', 1);
    const town = await makeSite(t.ds, 'tier-town', 1);
    const village = await makeSite(t.ds, 'tier-village', 1);
    const otherTown = await makeSite(t.ds, 'tier-town2', 1);
    await t.ds.query(`UPDATE sites SET tier = 'town', parent_id = $2 WHERE id = ANY($1::uuid[])`, [[town.id, otherTown.id], hall.id]);
    await t.ds.query(`UPDATE sites SET tier = 'village', parent_id = $2 WHERE id = $1`, [village.id, town.id]);
    await makeUser(t, 'town-sup', 'supervisor', ['tier-town']);
    await makeUser(t, 'hall-admin', 'admin', ['tier-hall']);
  });
  afterAll(async () => t.close());

  const status = async (token: string, site: string) => (await call(t.url, 'GET', `/api/v1/sites/${site}/indicators`, { token })).status;

  it('lets a town centre’s account see its village stations, not its hall or the next town', async () => {
    const { token } = await signIn(t.url, 'town-sup');
    expect(await status(token, 'tier-town')).toBe(200);
    expect(await status(token, 'tier-village')).toBe(200);
    expect(await status(token, 'tier-hall')).toBe(403);
    expect(await status(token, 'tier-town2')).toBe(403);
  });

  it('lets a district hall’s admin see and manage every site under it, and lists them', async () => {
    const { token } = await signIn(t.url, 'hall-admin');
    for (const site of ['tier-hall', 'tier-town', 'tier-village', 'tier-town2'])
      expect([site, await status(token, site)]).toEqual([site, 200]);
    const listed = await call<Array<{ code: string }>>(t.url, 'GET', '/api/v1/admin/sites', { token });
    expect(listed.body.map((s) => s.code).sort()).toEqual(['tier-hall', 'tier-town', 'tier-town2', 'tier-village']);
    const made = await call(t.url, 'POST', '/api/v1/admin/users', {
      token,
      body: { username: 'village-patrol', role: 'patrol', sites: ['tier-village'], password: 'a fine long passphrase' },
    });
    expect(made.status).toBe(201);
  });

  it('follows the tree as it is now: a station moved to another town leaves the first town’s scope', async () => {
    const { token } = await signIn(t.url, 'town-sup');
    expect(await status(token, 'tier-village')).toBe(200);
    await t.ds.query(`UPDATE sites SET parent_id = (SELECT id FROM sites WHERE code = 'tier-town2') WHERE code = 'tier-village'`);
    expect(await status(token, 'tier-village')).toBe(403);
  });
});
