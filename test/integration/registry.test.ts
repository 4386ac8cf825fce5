import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'test-admin-token';
type Row = Record<string, unknown>;

describe('hall registry admin API', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'reg');
  });
  afterAll(async () => t.close());

  /** Expects a 400 that names the field. */
  const expectBadField = async (res: Promise<{ status: number; body: unknown }>, field: string) => {
    const { status, body } = await res;
    expect(status).toBe(400);
    expect((body as ErrorBody).field).toBe(field);
    expect((body as ErrorBody).message).toContain(field);
  };

  describe('authentication', () => {
    it('refuses a request without a token, with a wrong token and with a malformed header', async () => {
      const none = await api<ErrorBody>('GET', '/sites', undefined, null);
      expect(none.status).toBe(401);
      expect(none.body.message).toMatch(/Authorization/);
      expect((await api('GET', '/sites', undefined, 'test-admin-tokeN')).status).toBe(401);
      expect((await api('GET', '/sites', undefined, `${TOKEN}x`)).status).toBe(401);
      const res = await fetch(`${t.url}/api/v1/admin/sites`, { headers: { authorization: TOKEN } });
      expect(res.status).toBe(401);
      expect((await api('GET', '/sites')).status).toBe(200);
    });

    it('checks the token before validating or touching anything', async () => {
      expect((await api('POST', '/sites', { code: 'x', nope: 1 }, 'wrong-token-wrong-token')).status).toBe(401);
      expect((await api('GET', '/sites/reg/windows', undefined, null)).status).toBe(401);
      expect((await api('DELETE', '/sites/reg/windows/w1', undefined, null)).status).toBe(401);
      expect((await api<Row[]>('GET', '/sites/reg/windows')).body).toHaveLength(4);
    });

    it('answers 401 on every admin route while ADMIN_TOKEN is empty, saying why', async () => {
      const off = await startTestApp();
      try {
        const offApi = adminApi(off.url, 'any-token-at-all-here');
        for (const [method, path] of [
          ['GET', '/sites'],
          ['POST', '/sites'],
          ['GET', '/sites/x/departments'],
          ['PATCH', '/sites/x/windows/w1'],
          ['GET', '/sites/x/unknown-references'],
        ] as const) {
          const res = await offApi<ErrorBody>(method, path, method === 'GET' ? undefined : {});
          expect(res.status).toBe(401);
          expect(res.body.message).toMatch(/admin API is disabled until ADMIN_TOKEN is set/);
          expect(res.body.message).toMatch(/accounts/);
        }
      } finally {
        await off.close();
      }
      // It starts a second server, which on a busy machine takes longer than jest's default.
    }, 60_000);
  });

  describe('sites', () => {
    it('creates the three tiers and filters by tier and parent', async () => {
      expect((await api('POST', '/sites', { code: 'hq', name: '区政务服务大厅', nameEn: 'District Hall', tier: 'hall' })).status).toBe(201);
      const town = await api<Row>('POST', '/sites', { code: 'hq-t1', name: '新城便民服务中心', tier: 'town', parent: 'hq' });
      expect(town.status).toBe(201);
      expect(town.body).toEqual(expect.objectContaining({ code: 'hq-t1', tier: 'town', parent: 'hq', timezone: 'Asia/Shanghai' }));
      await api('POST', '/sites', { code: 'hq-t2', name: '古荥便民服务中心', tier: 'town', parent: 'hq' });
      const village = await api<Row>('POST', '/sites', { code: 'hq-t1-v1', name: '第一村便民服务站', tier: 'village', parent: 'hq-t1' });
      expect(village.body).toEqual(expect.objectContaining({ tier: 'village', parent: 'hq-t1' }));

      const towns = await api<Row[]>('GET', '/sites?tier=town');
      expect(towns.body.map((s) => s.code)).toEqual(['hq-t1', 'hq-t2']);
      const underHq = await api<Row[]>('GET', '/sites?parent=hq');
      expect(underHq.body.map((s) => s.code)).toEqual(['hq-t1', 'hq-t2']);
      const all = await api<Row[]>('GET', '/sites');
      expect(all.body.map((s) => s.tier)).toEqual(['hall', 'hall', 'town', 'town', 'village']);
      expect((await api<ErrorBody>('GET', '/sites?parent=nowhere')).status).toBe(404);
    });

    it('reads and updates a site', async () => {
      const got = await api<Row>('GET', '/sites/hq');
      expect(got.body).toEqual(expect.objectContaining({ code: 'hq', name: '区政务服务大厅', tier: 'hall', parent: null }));
      const patched = await api<Row>('PATCH', '/sites/hq-t2', { name: '古荥镇便民服务中心', nameEn: 'Guxing Town Centre' });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual(expect.objectContaining({ name: '古荥镇便民服务中心', nameEn: 'Guxing Town Centre', parent: 'hq' }));
      expect((await api<Row>('GET', '/sites/hq-t2')).body.name).toBe('古荥镇便民服务中心');
    });

    it('keeps the tiers consistent', async () => {
      await expectBadField(api('POST', '/sites', { code: 'v9', name: '村', tier: 'village', parent: 'hq' }), 'parent');
      await expectBadField(api('POST', '/sites', { code: 't9', name: '镇', tier: 'town' }), 'parent');
      await expectBadField(api('POST', '/sites', { code: 'h9', name: '厅', tier: 'hall', parent: 'hq' }), 'parent');
      await expectBadField(api('POST', '/sites', { code: 't9', name: '镇', tier: 'town', parent: 'nowhere' }), 'parent');
      const retier = await api<ErrorBody>('PATCH', '/sites/hq-t1', { tier: 'village', parent: 'hq-t2' });
      expect(retier.status).toBe(409);
      expect(retier.body.message).toMatch(/has sites under it/);
    });

    it('answers 404 naming an unknown site and 409 naming a taken code', async () => {
      const missing = await api<ErrorBody>('GET', '/sites/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain('"nowhere"');
      expect((await api('PATCH', '/sites/nowhere', { name: 'x' })).status).toBe(404);
      const dup = await api<ErrorBody>('POST', '/sites', { code: 'hq', name: '重复', tier: 'hall' });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('"hq"');
    });

    it('validates the body and the query, naming the field', async () => {
      await expectBadField(api('POST', '/sites', { code: 'has space', name: 'x', tier: 'hall' }), 'code');
      await expectBadField(api('POST', '/sites', { code: 'ok1', tier: 'hall' }), 'name');
      await expectBadField(api('POST', '/sites', { code: 'ok1', name: '   ', tier: 'hall' }), 'name');
      await expectBadField(api('POST', '/sites', { code: 'ok1', name: 'x', tier: 'province' }), 'tier');
      await expectBadField(api('POST', '/sites', { code: 'ok1', name: 'x', tier: 'hall', timezone: 'Mars/Olympus' }), 'timezone');
      await expectBadField(api('POST', '/sites', { code: 'ok1', name: 'x', tier: 'hall', settings: {} }), 'settings');
      await expectBadField(api('PATCH', '/sites/hq', { name: null }), 'name');
      await expectBadField(api('GET', '/sites?tier=city'), 'tier');
      await expectBadField(api('GET', '/sites?colour=red'), 'colour');
      expect((await api('GET', '/sites/ok1')).status).toBe(404);
    });
  });

  describe('departments', () => {
    it('lists, creates, reads, updates and deletes', async () => {
      expect((await api<Row[]>('GET', '/sites/reg/departments')).body.map((d) => d.code)).toEqual(['d1', 'd2']);
      const created = await api<Row>('POST', '/sites/reg/departments', {
        code: 'gjj',
        name: '公积金中心',
        nameEn: 'Housing Fund',
        waitTargetSec: 600,
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        code: 'gjj',
        name: '公积金中心',
        nameEn: 'Housing Fund',
        waitTargetSec: 600,
        expectedToStation: true,
        expectedStaff: null,
        retiredAt: null,
      });
      const patched = await api<Row>('PATCH', '/sites/reg/departments/gjj', { waitTargetSec: null, name: '住房公积金中心' });
      expect(patched.body).toEqual(expect.objectContaining({ name: '住房公积金中心', waitTargetSec: null }));
      expect((await api<Row>('GET', '/sites/reg/departments/gjj')).body.name).toBe('住房公积金中心');
      expect((await api('DELETE', '/sites/reg/departments/gjj')).status).toBe(204);
      const gone = await api<ErrorBody>('GET', '/sites/reg/departments/gjj');
      expect(gone.status).toBe(404);
      expect(gone.body.message).toContain('"gjj"');
    });

    it('refuses to delete a department that windows still name, saying so', async () => {
      const res = await api<ErrorBody>('DELETE', '/sites/reg/departments/d1');
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/still referenced by 2 windows/);
      expect((await api('GET', '/sites/reg/departments/d1')).status).toBe(200);
    });

    it('answers 409 for a taken code, 404 for an unknown site, 400 naming the field', async () => {
      const dup = await api<ErrorBody>('POST', '/sites/reg/departments', { code: 'd1', name: '重复' });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('"d1"');
      const nosite = await api<ErrorBody>('POST', '/sites/nowhere/departments', { code: 'x1', name: 'x' });
      expect(nosite.status).toBe(404);
      expect(nosite.body.message).toContain('"nowhere"');
      await expectBadField(api('POST', '/sites/reg/departments', { name: '无代码' }), 'code');
      await expectBadField(api('POST', '/sites/reg/departments', { code: 'x1', name: 'x', waitTargetSec: 5 }), 'waitTargetSec');
      await expectBadField(api('POST', '/sites/reg/departments', { code: 'x1', name: 'x', waitTargetSec: 90.5 }), 'waitTargetSec');
      await expectBadField(api('PATCH', '/sites/reg/departments/d1', { code: 'renamed' }), 'code');
    });
  });

  describe('windows', () => {
    it('creates a closed tidal window, opens and closes it, and deletes it', async () => {
      const created = await api<Row>('POST', '/sites/reg/windows', {
        code: 'T1',
        number: 20,
        departmentCode: 'd2',
        kind: 'tidal',
        isOpen: false,
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ code: 'T1', number: 20, departmentCode: 'd2', kind: 'tidal', isOpen: false });
      expect((await api<Row>('PATCH', '/sites/reg/windows/T1', { isOpen: true })).body.isOpen).toBe(true);
      expect((await api<Row>('GET', '/sites/reg/windows/T1')).body.isOpen).toBe(true);
      expect((await api<Row>('PATCH', '/sites/reg/windows/T1', { isOpen: false })).body.isOpen).toBe(false);
      const self = await api<Row>('POST', '/sites/reg/windows', { code: 'zone-self', kind: 'self_service' });
      expect(self.body).toEqual({ code: 'zone-self', number: null, departmentCode: null, kind: 'self_service', isOpen: true });
      const list = await api<Row[]>('GET', '/sites/reg/windows');
      expect(list.body.map((w) => w.code)).toEqual(['w1', 'w2', 'w3', 'w4', 'T1', 'zone-self']);
      expect((await api('DELETE', '/sites/reg/windows/zone-self')).status).toBe(204);
      expect((await api('DELETE', '/sites/reg/windows/zone-self')).status).toBe(404);
    });

    it('validates kind, number, isOpen and the owning department', async () => {
      await expectBadField(api('POST', '/sites/reg/windows', { code: 'x1', kind: 'vip' }), 'kind');
      await expectBadField(api('POST', '/sites/reg/windows', { code: 'x1', number: 0 }), 'number');
      await expectBadField(api('POST', '/sites/reg/windows', { code: 'x1', number: '3' }), 'number');
      await expectBadField(api('PATCH', '/sites/reg/windows/w1', { isOpen: 'yes' }), 'isOpen');
      await expectBadField(api('POST', '/sites/reg/windows', { code: 'x1', departmentCode: 'nope' }), 'departmentCode');
      await expectBadField(api('PATCH', '/sites/reg/windows/w1', { departmentCode: 'nope' }), 'departmentCode');
      const dup = await api<ErrorBody>('POST', '/sites/reg/windows', { code: 'w1' });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toContain('"w1"');
      const missing = await api<ErrorBody>('PATCH', '/sites/reg/windows/w99', { isOpen: true });
      expect(missing.status).toBe(404);
      expect(missing.body.message).toContain('"w99"');
    });
  });

  describe('staff roster', () => {
    it('adds, takes off the roster, and deletes', async () => {
      const created = await api<Row>('POST', '/sites/reg/staff', { code: 'S100', name: '王五', departmentCode: 'd1' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ code: 'S100', name: '王五', departmentCode: 'd1', onRoster: true });
      expect((await api<Row>('PATCH', '/sites/reg/staff/S100', { onRoster: false })).body.onRoster).toBe(false);
      const list = await api<Row[]>('GET', '/sites/reg/staff');
      expect(list.body.find((s) => s.code === 'S100')).toEqual(expect.objectContaining({ onRoster: false }));
      expect((await api('DELETE', '/sites/reg/staff/S100')).status).toBe(204);
      expect((await api('GET', '/sites/reg/staff/S100')).status).toBe(404);
    });

    it('validates the name and the roster flag, and refuses a taken code', async () => {
      await expectBadField(api('POST', '/sites/reg/staff', { code: 'S101', name: '' }), 'name');
      await expectBadField(api('POST', '/sites/reg/staff', { code: 'S101', name: 'x'.repeat(101) }), 'name');
      await expectBadField(api('POST', '/sites/reg/staff', { code: 'S101', name: '赵六', onRoster: 1 }), 'onRoster');
      expect((await api('POST', '/sites/reg/staff', { code: 's1', name: '重复' })).status).toBe(409);
    });
  });

  describe('service items', () => {
    it('creates, updates and deletes, with the negative list flag', async () => {
      const created = await api<Row>('POST', '/sites/reg/service-items', { code: 'gjj-001', name: '住房公积金提取', departmentCode: 'd1' });
      expect(created.body).toEqual({ code: 'gjj-001', name: '住房公积金提取', departmentCode: 'd1', negativeList: false });
      expect((await api<Row>('PATCH', '/sites/reg/service-items/gjj-001', { negativeList: true })).body.negativeList).toBe(true);
      expect((await api<Row[]>('GET', '/sites/reg/service-items')).body).toHaveLength(1);
      const blocked = await api<ErrorBody>('DELETE', '/sites/reg/departments/d1');
      expect(blocked.body.message).toMatch(/1 service item/);
      expect((await api('DELETE', '/sites/reg/service-items/gjj-001')).status).toBe(204);
    });

    it('validates and refuses duplicates', async () => {
      await expectBadField(api('POST', '/sites/reg/service-items', { code: 'i1', name: 'x', negativeList: 'no' }), 'negativeList');
      expect((await api('POST', '/sites/reg/service-items', { code: 'i1', name: '事项' })).status).toBe(201);
      expect((await api('POST', '/sites/reg/service-items', { code: 'i1', name: '事项' })).status).toBe(409);
      expect((await api('GET', '/sites/nowhere/service-items')).status).toBe(404);
    });
  });
});
