import type { RectificationItemView } from '@hallwatch/shared';
import { auditCount, call, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { rawCall } from '../support/raw-request';
import { postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'site-scope-admin-token-0123456789';

// One site per request, from the guard to the handler: accounts of the town centre huiji-t1
// reach nothing of the district hall huiji, its other towns, or the district as a whole.
describe('one site per request: a town account cannot reach the hall or the district', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let evidenceId: string;
  let linkId: string;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000' });
    const hall = await makeSite(t.ds, 'huiji', 1);
    const t1 = await makeSite(t.ds, 'huiji-t1', 1);
    const t2 = await makeSite(t.ds, 'huiji-t2', 1);
    const v1 = await makeSite(t.ds, 'huiji-t1-v1', 1);
    await t.ds.query(`UPDATE sites SET tier = 'town', parent_id = $2 WHERE id = ANY($1::uuid[])`, [[t1.id, t2.id], hall.id]);
    await t.ds.query(`UPDATE sites SET tier = 'village', parent_id = $2 WHERE id = $1`, [v1.id, t1.id]);
    for (const [name, role, sites] of [
      ['t1-admin', 'admin', ['huiji-t1']],
      ['t1-sup', 'supervisor', ['huiji-t1']],
      ['t1-leader', 'leader', ['huiji-t1']],
      ['all-leader', 'leader', 'all'],
    ] as const) {
      await makeUser(t, name, role, sites === 'all' ? 'all' : [...sites]);
      tokens[name] = (await signIn(t.url, name)).token;
    }
    // The hall's rectification report, with a piece of evidence and its links.
    const imported = await postForm(
      t.url,
      '/rectification/import?site=huiji',
      ADMIN_TOKEN,
      {},
      {
        field: 'file',
        name: 'huiji-2024-report.txt',
        bytes: seedReportText(),
      },
    );
    expect(imported.status).toBe(200);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20), Buffer.from('\n%%EOF\n')]);
    const evidence = await postForm<{ id: string }>(
      t.url,
      '/rectification/items/42/evidence?site=huiji',
      ADMIN_TOKEN,
      { date: '2024-08-02', text: '大厅的退款凭证' },
      { field: 'attachment', name: 'hall-secret.pdf', bytes: pdf, type: 'application/pdf' },
    );
    expect(evidence.status).toBe(201);
    evidenceId = evidence.body.id;
    const item = await call<RectificationItemView>(t.url, 'GET', '/api/v1/admin/rectification/items/48?site=huiji', { token: ADMIN_TOKEN });
    linkId = item.body.links[0].id;
    expect(linkId).toBeTruthy();
  });
  afterAll(async () => t.close());

  const hallLinks = async (): Promise<number> =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM rectification_links WHERE id = $1`, [linkId]))[0].n;

  describe('finding 1: a body site does not name the site', () => {
    it('refuses the hall’s rectification reads and changes smuggled behind a body site, naming the field', async () => {
      const body = { site: 'huiji-t1' };
      const sup = tokens['t1-sup'];
      for (const [method, path] of [
        ['GET', `/api/v1/admin/rectification/evidence/${evidenceId}/attachment`],
        ['GET', '/api/v1/admin/rectification/items'],
        ['GET', '/api/v1/admin/rectification/items/42'],
        ['GET', '/api/v1/admin/rectification/ledger.xlsx'],
        ['POST', '/api/v1/admin/rectification/look-back'],
        ['DELETE', `/api/v1/admin/rectification/links/${linkId}`],
      ] as const) {
        const res = await rawCall(t.url, method, path, { token: sup, body });
        expect([method, path, res.status]).toEqual([method, path, 400]);
        expect(res.body).toMatchObject({ field: 'site' });
        expect(res.bytes.toString('latin1')).not.toContain('%PDF');
        expect(JSON.stringify(res.body)).not.toMatch(/hall-secret|大厅的退款凭证|"huiji"/);
      }
      expect(await hallLinks()).toBe(1);
    });

    it('answers 404 for the hall’s ids under the town’s own site, and 403 for the hall named outright', async () => {
      const sup = tokens['t1-sup'];
      const own = await rawCall(t.url, 'GET', `/api/v1/admin/rectification/evidence/${evidenceId}/attachment?site=huiji-t1`, {
        token: sup,
        body: { site: 'huiji-t1' },
      });
      expect(own.status).toBe(404);
      expect((await rawCall(t.url, 'DELETE', `/api/v1/admin/rectification/links/${linkId}?site=huiji-t1`, { token: sup })).status).toBe(
        404,
      );
      expect((await rawCall(t.url, 'GET', `/api/v1/admin/rectification/items?site=huiji`, { token: sup })).status).toBe(403);
      expect(await hallLinks()).toBe(1);
    });

    it('refuses a body site that differs from the named one, and two different named sites', async () => {
      const sup = tokens['t1-sup'];
      const differs = await rawCall(t.url, 'GET', '/api/v1/admin/rectification/items?site=huiji-t1', {
        token: sup,
        body: { site: 'huiji' },
      });
      expect(differs.status).toBe(400);
      expect(differs.body).toMatchObject({ field: 'site' });
      const twice = await rawCall(t.url, 'GET', '/api/v1/admin/sites/huiji-t1/departments?site=huiji', { token: tokens['t1-admin'] });
      expect(twice.status).toBe(400);
      expect(twice.body).toMatchObject({ field: 'site' });
      const array = await rawCall(t.url, 'GET', '/api/v1/admin/rectification/items?site=huiji-t1&site=huiji-t1', { token: sup });
      expect(array.status).toBe(400);
    });

    it('still serves the only hall to an account of every site that names none', async () => {
      const res = await call<{ site: string }>(t.url, 'GET', '/api/v1/admin/rectification/items', { token: ADMIN_TOKEN });
      expect(res.status).toBe(200);
      expect(res.body.site).toBe('huiji');
    });
  });

  describe('finding 2: the district calendar needs an account of every site', () => {
    const daysOf = async (day: string): Promise<Array<{ scope: string }>> =>
      t.ds.query(`SELECT scope FROM calendar_days WHERE day = $1 ORDER BY scope`, [day]);

    it('stores a town admin’s holiday for the town named in ?site=, never for every site', async () => {
      const res = await call(t.url, 'PUT', '/api/v1/admin/calendar?site=huiji-t1', {
        token: tokens['t1-admin'],
        body: { from: '2024-11-04', kind: 'holiday', name: '镇假日' },
      });
      expect(res.status).toBe(200);
      const [{ id }] = await t.ds.query(`SELECT id::text FROM sites WHERE code = 'huiji-t1'`);
      expect(await daysOf('2024-11-04')).toEqual([{ scope: id }]);
    });

    it('refuses a town admin the district calendar however the site is given', async () => {
      const admin = tokens['t1-admin'];
      const edit = { from: '2024-11-05', kind: 'holiday', name: '全区假日' };
      expect((await call(t.url, 'PUT', '/api/v1/admin/calendar', { token: admin, body: edit })).status).toBe(403);
      const smuggled = await call(t.url, 'PUT', '/api/v1/admin/calendar', { token: admin, body: { ...edit, site: 'huiji-t1' } });
      expect(smuggled.status).toBe(400);
      expect(smuggled.body).toMatchObject({ field: 'site' });
      expect(await daysOf('2024-11-05')).toEqual([]);

      expect((await call(t.url, 'PUT', '/api/v1/admin/calendar', { token: ADMIN_TOKEN, body: edit })).status).toBe(200);
      const removed = await rawCall(t.url, 'DELETE', '/api/v1/admin/calendar/2024-11-05', { token: admin, body: { site: 'huiji-t1' } });
      expect(removed.status).toBe(400);
      expect((await rawCall(t.url, 'DELETE', '/api/v1/admin/calendar/2024-11-05', { token: admin })).status).toBe(403);
      // The town's own removal finds no entry of its own: the district's day stays.
      expect((await rawCall(t.url, 'DELETE', '/api/v1/admin/calendar/2024-11-05?site=huiji-t1', { token: admin })).status).toBe(404);
      expect(await daysOf('2024-11-05')).toEqual([{ scope: '*' }]);
    });
  });

  describe('finding 3: trends over every site need an account of every site', () => {
    it('refuses scope=all to a town leader on every trends route, and serves the town’s own tree', async () => {
      const leader = tokens['t1-leader'];
      for (const path of [
        '/api/v1/admin/trends/breakdown?scope=all&site=huiji-t1&dim=site',
        '/api/v1/admin/trends/ranking?scope=all&site=huiji-t1',
        '/api/v1/admin/trends/series?scope=all&site=huiji-t1',
        '/api/v1/admin/trends/matrix?scope=all&site=huiji-t1',
        '/api/v1/admin/trends/heatmap?scope=all&site=huiji-t1',
        '/api/v1/admin/trends/waiting?scope=all&site=huiji-t1',
        '/api/v1/admin/trends/export.xlsx?scope=all&site=huiji-t1&table=breakdown&dim=site',
      ]) {
        const res = await call(t.url, 'GET', path, { token: leader });
        expect([path, res.status]).toEqual([path, 403]);
      }
      expect((await call(t.url, 'GET', '/api/v1/admin/trends/breakdown?scope=tree&site=huiji&dim=site', { token: leader })).status).toBe(
        403,
      );
      expect((await call(t.url, 'GET', '/api/v1/admin/trends/breakdown?scope=tree&site=huiji-t1&dim=site', { token: leader })).status).toBe(
        200,
      );
      expect((await call(t.url, 'GET', '/api/v1/admin/trends/breakdown?scope=all&dim=site', { token: tokens['all-leader'] })).status).toBe(
        200,
      );
    });
  });

  describe('every refusal of a district-wide request is audited', () => {
    it('writes one access.denied entry, naming the input, for scope=all, a new site and a new parent', async () => {
      for (const [method, path, body, field] of [
        ['GET', '/api/v1/admin/trends/series?scope=all&site=huiji-t1', undefined, 'scope'],
        ['POST', '/api/v1/admin/sites?site=huiji-t1', { code: 'audited', name: '新站', tier: 'village', parent: 'huiji-t1' }, 'parent'],
        ['PATCH', '/api/v1/admin/sites/huiji-t1-v1', { parent: 'huiji-t2' }, 'parent'],
        ['PUT', '/api/v1/admin/calendar', { from: '2024-11-05', kind: 'holiday', name: '全区假日' }, 'site'],
      ] as const) {
        const token = path.includes('trends') ? tokens['t1-leader'] : tokens['t1-admin'];
        const before = await auditCount(t.ds, 'access.denied', `details->>'reason' LIKE $2`, [`%${field}%`]);
        const res = await call(t.url, method, path, { token, body });
        expect([path, res.status]).toEqual([path, 403]);
        expect(JSON.stringify(res.body)).toContain(field);
        expect([path, await auditCount(t.ds, 'access.denied', `details->>'reason' LIKE $2`, [`%${field}%`])]).toEqual([path, before + 1]);
      }
    });
  });

  describe('finding 5: the site tree is changed only by an account of every site', () => {
    const parentOf = async (code: string): Promise<string | null> =>
      (await t.ds.query(`SELECT p.code FROM sites s LEFT JOIN sites p ON p.id = s.parent_id WHERE s.code = $1`, [code]))[0].code;

    it('refuses a town admin new sites and a new parent, naming the field', async () => {
      const admin = tokens['t1-admin'];
      for (const [parent, tier] of [
        ['huiji-t1', 'village'],
        ['huiji', 'town'],
        [null, 'hall'],
      ] as const) {
        const res = await call(t.url, 'POST', '/api/v1/admin/sites?site=huiji-t1', {
          token: admin,
          body: { code: 'sneaky', name: '新站', tier, ...(parent ? { parent } : {}) },
        });
        expect([parent, res.status]).toEqual([parent, 403]);
      }
      expect((await t.ds.query(`SELECT 1 FROM sites WHERE code = 'sneaky'`)).length).toBe(0);
      const moved = await call(t.url, 'PATCH', '/api/v1/admin/sites/huiji-t1-v1', { token: admin, body: { parent: 'huiji-t2' } });
      expect(moved.status).toBe(403);
      expect(JSON.stringify(moved.body)).toContain('parent');
      expect(await parentOf('huiji-t1-v1')).toBe('huiji-t1');
      // The town's own fields stay the town admin's to change.
      expect((await call(t.url, 'PATCH', '/api/v1/admin/sites/huiji-t1-v1', { token: admin, body: { name: '一村' } })).status).toBe(200);
    });

    it('lets an account of every site grow and rearrange the tree', async () => {
      const made = await call(t.url, 'POST', '/api/v1/admin/sites', {
        token: ADMIN_TOKEN,
        body: { code: 'huiji-t2-v1', name: '二村', tier: 'village', parent: 'huiji-t2' },
      });
      expect(made.status).toBe(201);
      const moved = await call(t.url, 'PATCH', '/api/v1/admin/sites/huiji-t2-v1', { token: ADMIN_TOKEN, body: { parent: 'huiji-t1' } });
      expect(moved.status).toBe(200);
      expect(await parentOf('huiji-t2-v1')).toBe('huiji-t1');
    });
  });
});
