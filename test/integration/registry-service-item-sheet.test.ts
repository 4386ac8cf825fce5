import type { DepartmentView, ServiceItemImportResult, ServiceItemView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { SHEET_MAX_BYTES, SHEET_MAX_ROWS } from '../../server/src/modules/registry/service-item-sheet';
import { auditCount } from '../support/accounts';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// The service-item sheet (事项清单): the template, a dry run naming each bad row and column, the
// import (all or nothing, upserted by item code, audited), and files that are not sheets at all.
// Also the departments' stationing fields (进驻) and retirement.

const TOKEN = 'test-admin-token-sheet';
const SITE = 'sheet';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | boolean | null;

async function workbook(header: Cell[], rows: Cell[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('事项清单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEADER = ['事项编码', '事项名称', '部门（编码或名称）', '负面清单（是/否）'];

describe('service-item sheet import', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  const send = async <T>(step: 'preview' | 'import', bytes: Buffer, name = '事项清单.xlsx', type = XLSX) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${t.url}/api/v1/admin/sites/${SITE}/service-item-sheet/${step}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const items = async () => (await api<ServiceItemView[]>('GET', `/sites/${SITE}/service-items`)).body;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, SITE);
  });
  afterAll(async () => t.close());

  it('offers a template whose headers the import reads, listing the site’s departments', async () => {
    const res = await fetch(`${t.url}/api/v1/admin/sites/${SITE}/service-item-sheet/template.xlsx`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('事项清单模板'));
    const wb = new Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADER]);
    const help = wb.worksheets[1];
    expect(help.getRow(2).values).toEqual([undefined, 'd1', '部门1']);
    expect(help.getRow(3).values).toEqual([undefined, 'd2', '部门2']);
  });

  it('previews a good sheet without storing it, then imports it, upserting by code and auditing once', async () => {
    await api('POST', `/sites/${SITE}/service-items`, { code: 'SX-1', name: '旧名称', departmentCode: 'd1' });
    await api('POST', `/sites/${SITE}/service-items`, { code: 'SX-9', name: '清单外事项' });
    const sheet = await workbook(HEADER, [
      ['SX-1', '企业设立登记', 'd1', '否'],
      ['SX-2', '食品经营许可', '部门2', '是'],
      [],
      [410108001, '孤儿认定', 'Dept 1', null],
      ['SX-9', '清单外事项', null, ''],
    ]);

    const dry = await send<ServiceItemImportResult>('preview', sheet);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      applied: false,
      fileName: '事项清单.xlsx',
      rows: 4,
      created: 2,
      updated: 1,
      unchanged: 1,
      problems: [],
      problemCount: 0,
    });
    expect((await items()).map((i) => i.code)).toEqual(['SX-1', 'SX-9']);

    const audits = await auditCount(t.ds, 'registry.service_item.import');
    const done = await send<ServiceItemImportResult>('import', sheet);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, created: 2, updated: 1, unchanged: 1 });
    expect(await items()).toEqual([
      { code: '410108001', name: '孤儿认定', departmentCode: 'd1', negativeList: false },
      { code: 'SX-1', name: '企业设立登记', departmentCode: 'd1', negativeList: false },
      { code: 'SX-2', name: '食品经营许可', departmentCode: 'd2', negativeList: true },
      { code: 'SX-9', name: '清单外事项', departmentCode: null, negativeList: false },
    ]);
    expect(await auditCount(t.ds, 'registry.service_item.import')).toBe(audits + 1);
    const [entry] = await t.ds.query(
      `SELECT actor, target, site, details FROM audit_log WHERE action = 'registry.service_item.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({ actor: 'admin-token', target: 'service_item_sheet:事项清单.xlsx', site: SITE });
    expect(entry.details).toEqual({ rows: 4, created: 2, updated: 1, unchanged: 1 });

    // The same sheet again changes nothing.
    expect((await send<ServiceItemImportResult>('import', sheet)).body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('names the row and column of every bad cell, and an import of such a sheet stores nothing', async () => {
    const before = await items();
    const sheet = await workbook(
      ['事项名称', '事项编码', '负面清单', '部门'],
      [
        ['新事项甲', 'NEW-1', '否', 'd1'],
        ['', 'NEW-2', '否', 'd1'],
        ['新事项丙', 'bad code', '否', 'd1'],
        ['新事项丁', 'NEW-1', '否', 'd1'],
        ['新事项戊', 'NEW-5', '也许', 'd1'],
        ['新事项己', 'NEW-6', '否', '不存在的部门'],
        ['长'.repeat(501), 'NEW-7', '', ''],
        ['新事项庚', null, '是', 'd2'],
        ['新事项辛', 114101080000000000, '否', 'd2'],
      ],
    );
    const dry = await send<ServiceItemImportResult>('preview', sheet);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { row: 3, column: 'A', field: 'name', problem: 'required', value: null },
      { row: 4, column: 'B', field: 'code', problem: 'bad_code', value: 'bad code' },
      { row: 5, column: 'B', field: 'code', problem: 'duplicate_code', value: '2' },
      { row: 6, column: 'C', field: 'negativeList', problem: 'bad_flag', value: '也许' },
      { row: 7, column: 'D', field: 'department', problem: 'unknown_department', value: '不存在的部门' },
      { row: 8, column: 'A', field: 'name', problem: 'too_long', value: '500' },
      { row: 9, column: 'B', field: 'code', problem: 'required', value: null },
      { row: 10, column: 'B', field: 'code', problem: 'code_as_number', value: '114101080000000000' },
    ]);
    expect(dry.body).toMatchObject({ rows: 9, created: 1, problemCount: 8 });

    const refused = await send<ErrorBody & { problems: unknown[] }>('import', sheet);
    expect(refused.status).toBe(422);
    expect(refused.body.field).toBe('file');
    expect(refused.body.message).toMatch(/8 problem\(s\) in the sheet, the first in row 3; nothing was imported/);
    expect(refused.body.problems).toHaveLength(8);
    expect(await items()).toEqual(before);
  });

  it('says which required column a sheet lacks, and that a sheet has no rows', async () => {
    const noCode = await send<ServiceItemImportResult>('preview', await workbook(['名称', '部门'], [['某事项', 'd1']]));
    expect(noCode.body.problems).toEqual([{ row: 1, column: null, field: 'code', problem: 'missing_column', value: '事项编码' }]);
    const empty = await send<ServiceItemImportResult>('preview', await workbook(HEADER, []));
    expect(empty.body.problems).toEqual([{ row: 2, column: null, field: null, problem: 'no_rows', value: null }]);
  });

  it('refuses a sheet of more rows than a hall’s list could hold, naming the limit', async () => {
    const rows = Array.from({ length: SHEET_MAX_ROWS + 1 }, (_, i) => [`R${i}`, `事项${i}`]);
    const big = await send<ServiceItemImportResult>('preview', await workbook(HEADER, rows));
    expect(big.body.problems).toEqual([
      { row: SHEET_MAX_ROWS + 2, column: null, field: null, problem: 'too_many_rows', value: String(SHEET_MAX_ROWS) },
    ]);
  });

  it('refuses a file that is not an .xlsx, a missing file and an oversized one, naming the field', async () => {
    const before = await items();
    const csv = await send<ErrorBody>('import', Buffer.from('事项编码,事项名称\nX-1,某事项\n'), '事项清单.csv', 'text/csv');
    expect(csv.status).toBe(415);
    expect(csv.body.field).toBe('file');
    expect(csv.body.message).toMatch(/must be an Excel workbook \(\.xlsx\); "事项清单\.csv" is not one/);
    // A zip that is not a workbook.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
    expect((await send<ErrorBody>('preview', zip, 'fake.xlsx')).status).toBe(415);

    const none = await fetch(`${t.url}/api/v1/admin/sites/${SITE}/service-item-sheet/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: new FormData(),
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as ErrorBody).field).toBe('file');

    const huge = await send<ErrorBody>('import', Buffer.alloc(SHEET_MAX_BYTES + 1, 0x50), 'huge.xlsx');
    expect(huge.status).toBe(413);
    expect(huge.body.field).toBe('file');
    expect(huge.body.message).toMatch(/file is larger than 2 MB/);

    // Small on the wire, but declaring contents beyond what the server will unzip.
    const good = await workbook(HEADER, [['X-1', '某事项']]);
    const end = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    good.writeUInt32LE(0x7fff_0000, good.readUInt32LE(end + 16) + 24);
    const bomb = await send<ErrorBody>('preview', good, 'bomb.xlsx');
    expect(bomb.status).toBe(413);
    expect(bomb.body).toMatchObject({ field: 'file', message: 'file unzips to more than 64 MB; import the list in parts' });
    expect(await items()).toEqual(before);
  });

  it('answers the sheet’s routes to admins only', async () => {
    const res = await fetch(`${t.url}/api/v1/admin/sites/${SITE}/service-item-sheet/template.xlsx`);
    expect(res.status).toBe(401);
  });
});

describe('departments: stationing (进驻) and retirement', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'stn');
  });
  afterAll(async () => t.close());

  it('keeps whether a department is expected to station and how many its list names', async () => {
    const made = await api<DepartmentView>('POST', '/sites/stn/departments', {
      code: 'jj5',
      name: '市公安局交警五大队',
      expectedStaff: 32,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ expectedToStation: true, expectedStaff: 32, retiredAt: null });
    const changed = await api<DepartmentView>('PATCH', '/sites/stn/departments/d2', { expectedToStation: false });
    expect(changed.body).toMatchObject({ expectedToStation: false, expectedStaff: null });

    for (const [body, field] of [
      [{ expectedStaff: -1 }, 'expectedStaff'],
      [{ expectedStaff: 2.5 }, 'expectedStaff'],
      [{ expectedToStation: 'yes' }, 'expectedToStation'],
      [{ retired: 1 }, 'retired'],
    ] as const) {
      const res = await api<ErrorBody>('PATCH', '/sites/stn/departments/jj5', body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect((await api<DepartmentView>('GET', '/sites/stn/departments/jj5')).body.expectedStaff).toBe(32);
  });

  it('retires a department still named by windows and staff, and brings it back, audited', async () => {
    const retired = await api<DepartmentView>('PATCH', '/sites/stn/departments/d1', { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    const [entry] = await t.ds.query(
      `SELECT details FROM audit_log WHERE action = 'registry.department.update' AND target = 'department:d1' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.details).toEqual({ fields: ['retired'] });
    // It takes no new staff, windows or items; those it has keep it when edited.
    const refused = await api<ErrorBody>('POST', '/sites/stn/staff', { code: 'new1', name: '新人', departmentCode: 'd1' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'departmentCode' });
    expect(refused.body.message).toMatch(/retired department/);
    expect((await api<ErrorBody>('PATCH', '/sites/stn/windows/w3', { departmentCode: 'd1' })).status).toBe(400);
    expect((await api('PATCH', '/sites/stn/staff/s1', { name: '人员一', departmentCode: 'd1' })).status).toBe(200);
    const back = await api<DepartmentView>('PATCH', '/sites/stn/departments/d1', { retired: false });
    expect(back.body.retiredAt).toBeNull();
  });
});
