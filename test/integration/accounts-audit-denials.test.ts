import { Workbook } from 'exceljs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { applyDatabaseRoles } from '../../server/src/cli/commands/db-roles.commands';
import { createDataSource } from '../../server/src/core/database/data-source';
import { call, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { ADMIN_URL, runId } from '../support/test-env';

// Refused requests are audited as one row per caller, route and minute with a count, so a
// client hammering a closed route cannot flood the append-only log (docs/security.md).

jest.setTimeout(120_000);

const as = (dbUrl: string, role: string): string => {
  const u = new URL(dbUrl);
  u.username = role;
  return u.toString();
};

interface DenialRow {
  actor: string;
  target: string;
  address: string | null;
  count: number;
  at: Date;
}

describe('access denials in the audit log', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: DataSource;
  let a: TestApp;
  let b: TestApp;
  const APP = `${runId()}_den_app`;
  const MAINT = `${runId()}_den_maint`;
  const MINUTE = new Date('2025-05-06T02:03:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = createDataSource(db.url);
    await owner.initialize();
    await makeSite(owner, 'dn', 1);
    await applyDatabaseRoles(owner, APP, MAINT, {});
    // Two server instances on one database, both as the least-privilege role.
    a = await startTestApp({ TRUST_PROXY: 'loopback' }, { databaseUrl: as(db.url, APP) });
    b = await startTestApp({ TRUST_PROXY: 'loopback' }, { databaseUrl: as(db.url, APP) });
    // An admin of every site: refusals before any site is known belong to no site.
    await makeUser(a, 'den-admin', 'admin', 'all');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await owner?.destroy();
    await db?.drop();
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    for (const r of [APP, MAINT]) await admin.query(`DROP ROLE IF EXISTS "${r}"`);
    await admin.end();
  });

  const denials = (): Promise<DenialRow[]> =>
    owner.query(`SELECT actor, target, address, count, at FROM audit_log WHERE action = 'access.denied' ORDER BY id`);

  const hammer = async (t: TestApp, n: number, path: string, headers: Record<string, string>) => {
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${t.url}${path}`, { headers });
      expect(res.status).toBe(401);
    }
  };

  it('writes one row per caller and route per minute, counting every refusal, across instances', async () => {
    // A few seconds into the minute: the loop below ends well before the next one starts.
    a.clock.setNow(new Date(MINUTE.getTime() + 2000));
    b.clock.setNow(new Date(MINUTE.getTime() + 2000));
    const flooder = { 'x-forwarded-for': '203.0.113.7' };
    await hammer(a, 150, '/api/v1/admin/sites/dn', flooder);
    await hammer(b, 150, '/api/v1/admin/sites/dn', { ...flooder, authorization: 'Bearer hws_forged' });
    await hammer(a, 5, '/api/v1/admin/users', flooder);
    await hammer(a, 3, '/api/v1/admin/sites/dn', { 'x-forwarded-for': '198.51.100.1' });

    const rows = await denials();
    expect(rows.map((r) => [r.target, r.address, r.count])).toEqual([
      ['GET /api/v1/admin/sites/:site', '203.0.113.7', 300],
      ['GET /api/v1/admin/users', '203.0.113.7', 5],
      ['GET /api/v1/admin/sites/:site', '198.51.100.1', 3],
    ]);
    // The row keeps the first refusal's moment.
    expect(new Date(rows[0].at).getTime()).toBeLessThan(MINUTE.getTime() + 60_000);

    // The next minute starts a new row.
    a.clock.setNow(new Date(MINUTE.getTime() + 62_000));
    await hammer(a, 2, '/api/v1/admin/sites/dn', flooder);
    expect((await denials()).map((r) => r.count)).toEqual([300, 5, 3, 2]);
  });

  it('keeps the same signed-in caller in one row whatever address they come from', async () => {
    a.clock.setNow(new Date(MINUTE.getTime() + 10 * 60_000 + 1000));
    const leader = await makeUser(a, 'den-leader', 'leader', ['dn']).then(() => signIn(a.url, 'den-leader'));
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      const res = await call(a.url, 'GET', '/api/v1/admin/users', { token: leader.token, headers: { 'x-forwarded-for': ip } });
      expect(res.status).toBe(403);
    }
    const mine = (await denials()).filter((r) => r.actor === 'den-leader');
    expect(mine.map((r) => r.count)).toEqual([3]);
  });

  it('shows the count in the audit API and the export', async () => {
    a.clock.setNow(new Date(MINUTE.getTime() + 20 * 60_000));
    const s = await signIn(a.url, 'den-admin');
    const listed = await call<Array<{ action: string; count: number; address: string | null }>>(
      a.url,
      'GET',
      '/api/v1/admin/audit?action=access.denied&limit=50',
      { token: s.token },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((e) => e.count)).toEqual(expect.arrayContaining([300, 5, 3, 2]));
    const res = await fetch(`${a.url}/api/v1/admin/audit/export.xlsx?action=access.denied`, {
      headers: { authorization: `Bearer ${s.token}` },
    });
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const countCol = header.findIndex((h) => String(h).includes('count')) + 1;
    expect(countCol).toBeGreaterThan(0);
    expect(sheet.getColumn(countCol).values.slice(2)).toEqual(expect.arrayContaining([300, 5, 3, 2]));
  });

  it('lets the application only raise a denial row’s count: nothing else, and no other row', async () => {
    const app = new Client({ connectionString: as(db.url, APP) });
    await app.connect();
    try {
      const attempt = (sql: string) =>
        app.query(sql).then(
          () => 'ok',
          (err: Error) => err.message,
        );
      expect(await attempt(`UPDATE audit_log SET actor = 'someone else' WHERE action = 'access.denied'`)).toMatch(/permission denied/);
      expect(await attempt(`UPDATE audit_log SET count = 1 WHERE action = 'access.denied'`)).toMatch(/append-only/);
      expect(await attempt(`UPDATE audit_log SET count = count + 1 WHERE action = 'login'`)).toMatch(/append-only/);
      expect(await attempt(`UPDATE audit_log SET count = count + 1 WHERE action = 'access.denied'`)).toBe('ok');
    } finally {
      await app.end();
    }
  });
});
