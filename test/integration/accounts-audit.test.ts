import { Workbook } from 'exceljs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { accountServices, asCli } from '../../server/src/cli/commands/account-services';
import { applyDatabaseRoles } from '../../server/src/cli/commands/db-roles.commands';
import { createDataSource } from '../../server/src/core/database/data-source';
import { AuditLogService } from '../../server/src/modules/audit/audit-log.service';
import { auditCount, call, login, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { ADMIN_URL, runId } from '../support/test-env';

jest.setTimeout(120_000);

const as = (dbUrl: string, role: string): string => {
  const u = new URL(dbUrl);
  u.username = role;
  return u.toString();
};

/** Runs one statement; answers the error message, or "ok". */
async function attempt(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('the audit log is append-only under the application’s own database role', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: DataSource;
  let t: TestApp;
  // Roles are cluster-wide: this run's own names, dropped at the end.
  const APP = `${runId()}_app`;
  const MAINT = `${runId()}_maint`;
  const clients: Client[] = [];
  const connect = async (role: string) => {
    const c = new Client({ connectionString: as(db.url, role) });
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = createDataSource(db.url);
    await owner.initialize();
    await makeSite(owner, 'a1', 1);
    await applyDatabaseRoles(owner, APP, MAINT, {});
    // The server itself runs as the least-privilege role.
    t = await startTestApp({}, { databaseUrl: as(db.url, APP) });
  });
  afterAll(async () => {
    for (const c of clients) await c.end();
    await t?.close();
    await owner?.destroy();
    await db?.drop();
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    for (const r of [APP, MAINT]) await admin.query(`DROP ROLE IF EXISTS "${r}"`);
    await admin.end();
  });

  it('runs the server as the application role, writing the audit log as it works', async () => {
    const [{ user }] = await t.ds.query('SELECT current_user AS user');
    expect(user).toBe(APP);
    await makeUser(t, 'aud-admin', 'admin', ['a1']);
    expect((await login(t.url, 'aud-admin', 'not the password')).status).toBe(401);
    const s = await signIn(t.url, 'aud-admin');
    const res = await call(t.url, 'PATCH', '/api/v1/admin/sites/a1/staff/s1', { token: s.token, body: { name: '张三丰' } });
    expect(res.status).toBe(200);
    expect(await call(t.url, 'GET', '/api/v1/admin/sites/a1', { token: 'hws_forged' })).toEqual(expect.objectContaining({ status: 401 }));
    const rows = await t.ds.query(`SELECT actor, role, action, target, site, details, address FROM audit_log ORDER BY id`);
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'login.failed', 'login', 'registry.staff.update', 'access.denied']));
    const change = rows.find((r: { action: string }) => r.action === 'registry.staff.update');
    expect(change).toEqual(
      expect.objectContaining({ actor: 'aud-admin', role: 'admin', target: 'staff:s1', site: 'a1', details: { fields: ['name'] } }),
    );
    expect(change.address).toMatch(/127\.0\.0\.1/);
    // Who changed what, never the personal values themselves.
    expect(JSON.stringify(rows)).not.toContain('张三丰');
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    const app = await connect(APP);
    expect(await attempt(app, `INSERT INTO audit_log (at, actor, action) VALUES (now(), 'x', 'test.insert')`)).toBe('ok');
    expect(await attempt(app, `UPDATE audit_log SET actor = 'someone else'`)).toMatch(/permission denied/);
    expect(await attempt(app, `DELETE FROM audit_log`)).toMatch(/permission denied/);
    expect(await attempt(app, `TRUNCATE audit_log`)).toMatch(/permission denied/);
    expect(await attempt(app, `ALTER TABLE audit_log DISABLE TRIGGER ALL`)).toMatch(/must be owner/);
    expect(await attempt(app, `SELECT count(*) FROM audit_log`)).toBe('ok');
  });

  it('refuses them through the trigger even to the owner, except purging rows past 180 days', async () => {
    const root = await connect(new URL(ADMIN_URL).username);
    expect(await attempt(root, `UPDATE audit_log SET actor = 'someone else'`)).toMatch(/append-only: UPDATE/);
    expect(await attempt(root, `DELETE FROM audit_log`)).toMatch(/younger than 180 days/);
    expect(await attempt(root, `TRUNCATE audit_log`)).toMatch(/append-only: TRUNCATE/);
    await root.query(
      `INSERT INTO audit_log (at, actor, action) VALUES (now() - interval '200 days', 'old', 'test.old'), (now() - interval '170 days', 'young', 'test.young')`,
    );

    const maint = await connect(MAINT);
    expect(await attempt(maint, `DELETE FROM audit_log WHERE actor = 'young'`)).toMatch(/younger than 180 days/);
    expect(await attempt(maint, `INSERT INTO audit_log (at, actor, action) VALUES (now(), 'x', 'y')`)).toMatch(/permission denied/);
    const purger = createDataSource(as(db.url, MAINT));
    await purger.initialize();
    try {
      // A configured retention under 180 days is raised to the floor.
      expect(await new AuditLogService(purger).purge(30)).toBe(1);
    } finally {
      await purger.destroy();
    }
    expect(await auditCount(owner, 'test.old')).toBe(0);
    expect(await auditCount(owner, 'test.young')).toBe(1);
  });

  it('exports the filtered log as .xlsx for admins, and records the export', async () => {
    const s = await signIn(t.url, 'aud-admin');
    const res = await fetch(`${t.url}/api/v1/admin/audit/export.xlsx?site=a1`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const actions = sheet.getColumn(5).values.slice(2);
    expect(actions).toContain('registry.staff.update');
    expect(await auditCount(t.ds, 'audit.export', `actor = 'aud-admin'`)).toBe(1);
    const listed = await call<Array<{ action: string }>>(t.url, 'GET', '/api/v1/admin/audit?action=login.&limit=50', { token: s.token });
    expect(listed.status).toBe(200);
  });

  it('names the CLI as the actor of what it does', async () => {
    const cli = accountServices(t.ds, t.config);
    await asCli(() =>
      cli.users.create('all', { username: 'from-cli', role: 'leader', sites: ['a1'], password: 'a long enough cli password' }),
    );
    expect(await auditCount(t.ds, 'user.create', `actor = 'cli' AND target = 'user:from-cli'`)).toBe(1);
  });
});
