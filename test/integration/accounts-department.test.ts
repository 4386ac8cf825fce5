import type { Me, UserView } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { auditCount, call, liveSocket, login, makeUser, PASSWORD, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'department-accounts-admin-token-0123';
const CLI = join(__dirname, '..', '..', 'server', 'dist', 'cli', 'main.js');

// A department account (进驻部门) belongs to one department of one site: the admin API and the
// CLI make it only with a department of that site's registry, and it never reads the wall.
describe('department accounts: made with a department of their site, kept off the wall', () => {
  let t: TestApp;
  const admin = (method: string, path: string, body?: unknown) =>
    call<Record<string, unknown>>(t.url, method, path, { token: ADMIN_TOKEN, body });
  const newUser = (body: Record<string, unknown>) => admin('POST', '/api/v1/admin/users', { password: PASSWORD, ...body });
  const userRows = async (username: string): Promise<number> =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE username = $1`, [username]))[0].n;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000' });
    const hall = await makeSite(t.ds, 'dp1', 2);
    const town = await makeSite(t.ds, 'dp1-t1', 1);
    await makeSite(t.ds, 'dp2', 1);
    await t.ds.query(`UPDATE sites SET tier = 'town', parent_id = $2 WHERE id = $1`, [town.id, hall.id]);
  });
  afterAll(async () => t.close());

  it('makes a department account with its department, and shows the binding to the admin, at sign-in and in /me', async () => {
    const made = await newUser({ username: 'gjj.dp1', role: 'department', sites: ['dp1'], department: 'd2' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'department', sites: ['dp1'], department: 'd2' });
    const listed = await call<UserView[]>(t.url, 'GET', '/api/v1/admin/users', { token: ADMIN_TOKEN });
    expect(listed.body.find((u) => u.username === 'gjj.dp1')).toMatchObject({ department: 'd2' });
    expect(listed.body.filter((u) => u.role !== 'department').every((u) => u.department === null)).toBe(true);
    const signedIn = await login(t.url, 'gjj.dp1');
    expect(signedIn.body.user).toMatchObject({ role: 'department', sites: ['dp1'], department: 'd2' });
    const me = await call<Me>(t.url, 'GET', '/api/v1/auth/me', { token: signedIn.session!.token });
    // The town under the hall is not the department's: a department belongs to its one site.
    expect(me.body).toMatchObject({ kind: 'user', role: 'department', sites: ['dp1'], department: 'd2' });
    const created = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'user.create' AND target = 'user:gjj.dp1'`);
    expect(created[0].details).toMatchObject({ role: 'department', department: 'd2' });
  });

  it.each([
    ['no department', 'department', { sites: ['dp1'] }],
    ['a department of no site registry', 'department', { sites: ['dp1'], department: 'nope' }],
    ['a department of another site only', 'department', { sites: ['dp2'], department: 'd2' }],
    ['a malformed department code', 'department', { sites: ['dp1'], department: 'd 1' }],
    ['two sites', 'sites', { sites: ['dp1', 'dp2'], department: 'd1' }],
    ['every site', 'allSites', { allSites: true, department: 'd1' }],
  ])('refuses a department account with %s: 400 naming %s, nothing stored', async (_what, field, scope) => {
    const res = await newUser({ username: 'bad.dep', role: 'department', ...scope });
    expect(res.status).toBe(400);
    expect(res.body.field ?? (res.body.errors as Array<{ field: string }>)[0].field).toBe(field);
    expect(String(res.body.message)).toContain(field);
    expect(await userRows('bad.dep')).toBe(0);
  });

  it('refuses a department for another role, and a role change to department without one', async () => {
    const res = await newUser({ username: 'sup.dep', role: 'supervisor', sites: ['dp1'], department: 'd1' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('department');
    expect(await userRows('sup.dep')).toBe(0);
    const leaderId = await makeUser(t, 'dp-leader', 'leader', ['dp1']);
    const toDept = await admin('PATCH', `/api/v1/admin/users/${leaderId}`, { role: 'department' });
    expect(toDept.status).toBe(400);
    expect(toDept.body.field).toBe('department');
    const wrong = await admin('PATCH', `/api/v1/admin/users/${leaderId}`, { role: 'department', department: 'zz' });
    expect([wrong.status, wrong.body.field]).toEqual([400, 'department']);
    expect((await admin('GET', `/api/v1/admin/users/${leaderId}`)).body).toMatchObject({ role: 'leader', department: null });
    const bound = await admin('PATCH', `/api/v1/admin/users/${leaderId}`, { role: 'department', department: 'd1' });
    expect(bound.body).toMatchObject({ role: 'department', sites: ['dp1'], department: 'd1' });
    const moved = await admin('PATCH', `/api/v1/admin/users/${leaderId}`, { department: 'd2' });
    expect(moved.body).toMatchObject({ department: 'd2' });
    const back = await admin('PATCH', `/api/v1/admin/users/${leaderId}`, { role: 'leader' });
    expect(back.body).toMatchObject({ role: 'leader', department: null });
    expect((await t.ds.query(`SELECT department_code FROM user_sites WHERE user_id = $1`, [leaderId]))[0].department_code).toBeNull();
  });

  it('keeps the department while an account is bound to it', async () => {
    await makeUser(t, 'dp-d1', 'department', { site: 'dp2', department: 'd1' });
    await t.ds.query(`DELETE FROM windows WHERE site_id = (SELECT id FROM sites WHERE code = 'dp2')`);
    await t.ds.query(`DELETE FROM staff WHERE site_id = (SELECT id FROM sites WHERE code = 'dp2')`);
    const res = await admin('DELETE', '/api/v1/admin/sites/dp2/departments/d1');
    expect(res.status).toBe(409);
    expect(String(res.body.message)).toContain('1 department account');
  });

  it('keeps a department account off the wall, the live socket and the registry, and audits each refusal', async () => {
    await makeUser(t, 'dp-wall', 'department', { site: 'dp1', department: 'd1' });
    const { token } = await signIn(t.url, 'dp-wall');
    const denied = () => auditCount(t.ds, 'access.denied', `actor = 'dp-wall'`);
    let before = await denied();
    for (const [method, path] of [
      ['GET', '/api/v1/sites/dp1/indicators'],
      ['GET', '/api/v1/sites/dp1/indicators/history?indicator=reviews.good_rate'],
      ['GET', '/api/v1/admin/sites/dp1/departments'],
      ['PATCH', '/api/v1/admin/sites/dp1/windows/w1'],
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/admin/calendar?site=dp1'],
      ['GET', '/api/v1/admin/sites/dp1/settings'],
      ['POST', '/api/v1/admin/sites/dp1/appeals/00000000-0000-4000-8000-000000000000/decision'],
    ]) {
      const res = await call(t.url, method, path, { token, body: method === 'GET' ? undefined : {} });
      expect([path, res.status]).toEqual([path, 403]);
      expect(await denied()).toBe(before + 1);
      before++;
    }
    await expect(liveSocket(t.url, { site: 'dp1', token })).rejects.toThrow();
  });

  it('makes one from the CLI, naming a missing or unknown department', async () => {
    const create = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = execFile(
          process.execPath,
          [CLI, 'user', 'create', '--username', 'cli.dep', '--role', 'department', ...args, '--password-stdin'],
          {
            env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL },
          },
        );
        let out = '';
        child.stdout!.on('data', (d) => (out += String(d)));
        child.stderr!.on('data', (d) => (out += String(d)));
        child.on('close', (code) => resolve({ code, out }));
        child.stdin!.end(`${PASSWORD}\n`);
      });
    const missing = await create('--site', 'dp1');
    expect(missing.code).not.toBe(0);
    expect(missing.out).toContain('--department');
    const unknown = await create('--site', 'dp1', '--department', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.out).toContain('No department with code "nope"');
    expect(await userRows('cli.dep')).toBe(0);
    const made = await create('--site', 'dp1', '--department', 'd1');
    expect(made.out).toContain('department d1');
    expect(made.code).toBe(0);
    expect((await signIn(t.url, 'cli.dep')).token).toBeTruthy();
  });
});
