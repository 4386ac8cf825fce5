import { ROLES, type Role } from '@hallwatch/shared';
import { auditCount, call, makeUser, Session, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { RouteEntry, routeTable } from '../support/route-table';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(600_000);

const ADMIN_TOKEN = 'matrix-admin-token-0123456789';

type Credential = { name: string; role: Role | 'device' | null; token: () => string | null };

describe('role × endpoint matrix, generated from the router', () => {
  let t: TestApp;
  let routes: RouteEntry[];
  const sessions = new Map<Role, Session>();
  let displayToken: string;
  let deviceKey: string;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000', INGEST_RATE_PER_MINUTE: '0' });
    await makeSite(t.ds, 'm1', 1);
    await makeSite(t.ds, 'm2', 1);
    for (const role of ROLES) {
      await makeUser(t, `mx-${role}`, role, role === 'department' ? { site: 'm1', department: 'd1' } : ['m1']);
      sessions.set(role, await signIn(t.url, `mx-${role}`));
    }
    const issued = await call<{ token: string }>(t.url, 'POST', '/api/v1/admin/sites/m1/display-tokens', {
      token: ADMIN_TOKEN,
      body: { name: 'tv' },
    });
    displayToken = issued.body.token;
    deviceKey = await t.deviceKey('m1');
    routes = routeTable(t.app);
  });
  afterAll(async () => t.close());

  const key = (r: RouteEntry) => `${r.method} ${r.path}`;

  it('finds the routes and every one declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !r.rule).map(key);
    expect(missing).toEqual([]);
  });

  const credentials = (): Credential[] => [
    { name: 'anonymous', role: null, token: () => null },
    ...ROLES.map((role): Credential => ({ name: `${role} session`, role, token: () => sessions.get(role)!.token })),
    { name: 'display token', role: 'display', token: () => displayToken },
    { name: 'admin token', role: 'admin', token: () => ADMIN_TOKEN },
    { name: 'device key', role: 'device', token: () => deviceKey },
  ];

  /** Path parameters filled with the caller's own site and ids that exist nowhere. */
  const concrete = (path: string) =>
    `${path.replace(':site', 'm1').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000')}?site=m1`;

  const bodyFor = (r: RouteEntry) => (['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined);

  const allowed = (r: RouteEntry, c: Credential): boolean => {
    const rule = r.rule!;
    if (rule.kind === 'public') return true;
    if (rule.kind === 'device') return c.role === 'device';
    if (c.role === null || c.role === 'device' || !rule.roles.includes(c.role)) return false;
    // A request that reaches every site (creating a site, say) is for the admin token alone here: the sessions hold m1.
    const reachesEverySite = r.everySite?.({ query: { site: 'm1' }, params: {}, body: bodyFor(r) } as never);
    return !reachesEverySite || c.name === 'admin token';
  };

  it('answers 2xx only where the rule allows, and audits every refusal', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.rule)) {
      for (const c of credentials()) {
        const before = await auditCount(t.ds, 'access.denied');
        const res = await call(t.url, r.method, concrete(r.path), {
          token: c.token(),
          body: bodyFor(r),
        });
        const after = await auditCount(t.ds, 'access.denied');
        const label = `${key(r)} as ${c.name}: ${res.status}`;
        if (allowed(r, c)) {
          if (res.status === 401 || res.status === 403) wrong.push(`${label} (should be let through) ${JSON.stringify(res.body)}`);
        } else {
          if (res.status !== 401 && res.status !== 403) wrong.push(`${label} (should be refused)`);
          if (after !== before + 1) wrong.push(`${label} refused without exactly one audit entry (${after - before})`);
        }
        // Signing out ends every session of the account: sign in again for the next route.
        if (r.path === '/api/v1/auth/logout' && c.role && c.role !== 'device' && c.name.endsWith('session') && res.status < 300)
          sessions.set(c.role, await signIn(t.url, `mx-${c.role}`));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('walks the second-callback routes (回访核实): leaders read them, only supervisors and admins act', () => {
    const rules = Object.fromEntries(
      routes
        .filter((r) => r.path.includes('/callback-checks'))
        .map((r) => [key(r), r.rule?.kind === 'roles' ? [...r.rule.roles].sort() : r.rule]),
    );
    const readers = ['admin', 'leader', 'supervisor'];
    const actors = ['admin', 'supervisor'];
    expect(rules).toEqual({
      'GET /api/v1/admin/sites/:site/callback-checks': readers,
      'GET /api/v1/admin/sites/:site/callback-checks/summary': readers,
      'GET /api/v1/admin/sites/:site/callback-checks/:id': readers,
      'POST /api/v1/admin/sites/:site/callback-checks/:id/phone': actors,
      'POST /api/v1/admin/sites/:site/callback-checks/:id/answer': actors,
    });
  });

  it('refuses a session on the device route and a device key everywhere else', async () => {
    const ingest = await call(t.url, 'POST', '/api/v1/events', { token: sessions.get('admin')!.token, body: {} });
    expect(ingest.status).toBe(401);
    const admin = await call(t.url, 'GET', '/api/v1/admin/sites/m1', { token: deviceKey });
    expect(admin.status).toBe(401);
  });
});
