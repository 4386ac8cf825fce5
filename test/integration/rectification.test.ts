import type { RectificationItemView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLedgerCommand } from '../../server/src/cli/commands/rectification.commands';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { getBytes, postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

// The admin's work on imported items: status, evidence, links, history, and the Excel ledger.

jest.setTimeout(60_000);

const TOKEN = 'test-admin-token-rect';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function readSheet(bytes: Buffer | ArrayBuffer, name: string) {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('rectification items', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  let tmp: string;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'rc');
    const imported = await postForm(
      t.url,
      '/rectification/import?site=rc',
      TOKEN,
      {},
      { field: 'file', name: 'huiji-2024-report.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBe(200);
    tmp = mkdtempSync(join(tmpdir(), 'hw-rect-'));
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  const item = async (site: string, n: number) => (await api<RectificationItemView>('GET', `/rectification/items/${n}?site=${site}`)).body;

  describe('changes', () => {
    it('records a status, department and deadline change in the history', async () => {
      // Imported as the report states it (目前已全部整改, line 11), with its dated measure as evidence.
      const imported = await item('rc', 47);
      expect(imported).toMatchObject({ status: 'rectified', statusSetBy: 'report' });
      expect(imported.statedStatus).toEqual({ status: 'rectified', phrase: '目前已全部整改', line: 11, scope: 'report' });
      expect(imported.evidence.map((e) => e.source)).toEqual(['report']);
      t.clock.setNow(new Date('2024-09-01T01:00:00Z'));
      const reopened = await api<RectificationItemView>('PATCH', '/rectification/items/47?site=rc', { status: 'in_progress' });
      expect(reopened.body).toMatchObject({ status: 'in_progress', statusSetBy: 'office', rectifiedAt: null });
      t.clock.setNow(new Date('2024-09-01T02:00:00Z'));
      const res = await api<RectificationItemView>('PATCH', '/rectification/items/47?site=rc', {
        status: 'rectified',
        responsibleDepartment: '督查监管科',
        deadline: '2024-08-31',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rectified', responsibleDepartment: '督查监管科', deadline: '2024-08-31' });
      // The test clock keeps running from where it was set.
      expect(res.body.rectifiedAt?.startsWith('2024-09-01T02:00:0')).toBe(true);
      const changes = res.body.history.filter((h) => h.at === res.body.rectifiedAt);
      expect(changes.map((h) => [h.actor, h.field, h.old, h.new])).toEqual([
        ['admin-token', 'deadline', null, '2024-08-31'],
        ['admin-token', 'responsibleDepartment', null, '督查监管科'],
        ['admin-token', 'status', 'in_progress', 'rectified'],
      ]);
      // The same values again change nothing and record nothing.
      const same = await api<RectificationItemView>('PATCH', '/rectification/items/47?site=rc', { status: 'rectified' });
      expect(same.body.history).toHaveLength(res.body.history.length);

      const bad = await api<ErrorBody>('PATCH', '/rectification/items/47?site=rc', { status: 'done' });
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('status');
      const badDate = await api<ErrorBody>('PATCH', '/rectification/items/47?site=rc', { deadline: '2024-02-30' });
      expect(badDate.body.field).toBe('deadline');
      expect((await api('PATCH', '/rectification/items/99?site=rc', { status: 'ongoing' })).status).toBe(404);
    });

    it('refuses to declare an item rectified without evidence, naming the status, and stores nothing', async () => {
      // Item 11 has no dated measure in the report, so no evidence from it.
      expect((await item('rc', 11)).evidence).toEqual([]);
      expect((await api('PATCH', '/rectification/items/11?site=rc', { status: 'in_progress' })).status).toBe(200);
      const before = await item('rc', 11);
      const refused = await api<ErrorBody>('PATCH', '/rectification/items/11?site=rc', { status: 'rectified', deadline: '2024-10-31' });
      expect(refused.status).toBe(409);
      expect(refused.body.field).toBe('status');
      expect(refused.body.message).toContain('item 11 cannot be declared rectified without evidence');
      const after = await item('rc', 11);
      expect(after).toMatchObject({ status: 'in_progress', deadline: null, rectifiedAt: null });
      expect(after.history).toHaveLength(before.history.length);
      // Long-term (长期坚持) needs no evidence: it is a commitment, not a claim of completion.
      expect((await api('PATCH', '/rectification/items/11?site=rc', { status: 'ongoing' })).status).toBe(200);
    });

    it('adds evidence with an attachment, and refuses a too-large or wrong-type one naming the field', async () => {
      t.clock.setNow(new Date('2024-09-01T03:00:00Z'));
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
      const ok = await postForm<{ id: string; attachment: { name: string; type: string; size: number } }>(
        t.url,
        '/rectification/items/42/evidence?site=rc',
        TOKEN,
        { date: '2024-08-02', text: '差旅费已全部退回原资金渠道，附退款凭证。' },
        { field: 'attachment', name: '退款凭证.pdf', bytes: pdf, type: 'application/pdf' },
      );
      expect(ok.status).toBe(201);
      expect(ok.body.attachment).toEqual({ name: '退款凭证.pdf', type: 'application/pdf', size: pdf.length });
      const file = await getBytes(t.url, `/rectification/evidence/${ok.body.id}/attachment?site=rc`, TOKEN);
      expect(file.status).toBe(200);
      expect(file.bytes.equals(pdf)).toBe(true);
      expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('退款凭证.pdf')}`);

      const big = await postForm<ErrorBody>(
        t.url,
        '/rectification/items/42/evidence?site=rc',
        TOKEN,
        { date: '2024-08-02', text: '太大' },
        {
          field: 'attachment',
          name: 'big.pdf',
          bytes: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]),
        },
      );
      expect(big.status).toBe(413);
      expect(big.body.field).toBe('attachment');
      expect(big.body.message).toContain('attachment is larger than 5 MB');

      const fake = await postForm<ErrorBody>(
        t.url,
        '/rectification/items/42/evidence?site=rc',
        TOKEN,
        { date: '2024-08-02', text: '伪装' },
        {
          field: 'attachment',
          name: 'minutes.pdf',
          bytes: Buffer.from('MZ\x90\x00 not a pdf'),
        },
      );
      expect(fake.status).toBe(400);
      expect(fake.body.field).toBe('attachment');
      expect(fake.body.message).toContain('PDF, JPEG, PNG, WebP, DOCX or XLSX');

      // The test clock stands at 2024-09-01 (Asia/Shanghai): a later day is a plan, not evidence.
      const future = await api<ErrorBody>('POST', '/rectification/items/42/evidence?site=rc', { date: '2024-09-02', text: '计划召开会议' });
      expect(future.status).toBe(400);
      expect(future.body.field).toBe('date');
      expect(future.body.message).toContain('after today (2024-09-01)');

      const noDate = await postForm<ErrorBody>(t.url, '/rectification/items/42/evidence?site=rc', TOKEN, { text: '无日期' });
      expect(noDate.status).toBe(400);
      expect(noDate.body.field).toBe('date');

      const plain = await api('POST', '/rectification/items/25/evidence?site=rc', { date: '2024-07-01', text: '投诉意见簿移至大厅入口。' });
      expect(plain.status).toBe(201);
      const i42 = await item('rc', 42);
      expect(i42.evidence).toHaveLength(1);
      expect(i42.history.find((h) => h.field === 'evidence')).toMatchObject({
        actor: 'admin-token',
        new: '2024-08-02 差旅费已全部退回原资金渠道，附退款凭证。 [退款凭证.pdf]',
      });
    });

    it('edits links: add, change the target, remove, each in the history', async () => {
      const add = await api<{ id: string }>('POST', '/rectification/items/48/links?site=rc', {
        indicator: 'staff.on_post',
        comparator: '≥',
        target: 1,
        window: 'now',
        department: 'd1',
      });
      expect(add.status).toBe(201);
      expect(add.body).toMatchObject({ indicator: 'staff.on_post', comparator: '>=', department: 'd1', origin: 'admin' });
      const dup = await api('POST', '/rectification/items/48/links?site=rc', {
        indicator: 'staff.on_post',
        comparator: '>=',
        target: 2,
        window: 'now',
        department: 'd1',
      });
      expect(dup.status).toBe(409);
      expect(
        (
          await api<ErrorBody>('POST', '/rectification/items/48/links?site=rc', {
            indicator: 'nope',
            comparator: '=',
            target: 1,
            window: 'now',
          })
        ).body.field,
      ).toBe('indicator');
      expect(
        (
          await api<ErrorBody>('POST', '/rectification/items/48/links?site=rc', {
            indicator: 'staff.on_post',
            comparator: '=',
            target: 1,
            window: 'now',
            department: 'dx',
          })
        ).body.field,
      ).toBe('department');

      const upd = await api('PATCH', `/rectification/links/${add.body.id}?site=rc`, { target: 2 });
      expect(upd.body).toMatchObject({ target: 2 });
      expect((await api('DELETE', `/rectification/links/${add.body.id}?site=rc`)).status).toBe(204);
      const links = (await item('rc', 48)).history.filter((h) => h.field === 'link' && `${h.old}${h.new}`.includes('staff.on_post'));
      expect(links.map((h) => [h.old, h.new])).toEqual([
        ['staff.on_post ≥ 2 (now, d1)', null],
        ['staff.on_post ≥ 1 (now, d1)', 'staff.on_post ≥ 2 (now, d1)'],
        [null, 'staff.on_post ≥ 1 (now, d1)'],
      ]);
    });
  });

  describe('ledger', () => {
    it('exports every item with status, measures, links and evidence under Chinese headers (API)', async () => {
      const res = await getBytes(t.url, '/rectification/ledger.xlsx?site=rc', TOKEN);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const rows = await readSheet(res.bytes, '整改台账');
      expect(rows[0]).toEqual([
        '序号',
        '问题类别',
        '具体方面',
        '问题描述',
        '整改措施',
        '整改状态',
        '责任部门',
        '整改时限',
        '整改完成时间',
        '关联指标及目标',
        '当前值',
        '回头看',
        '佐证材料',
        '原文行号',
      ]);
      expect(rows).toHaveLength(61);
      expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(range(1, 60));
      const r47 = rows.find((r) => r[0] === '47')!;
      expect(r47[5]).toBe('已整改');
      expect(r47[6]).toBe('督查监管科');
      expect(r47[9]).toContain('已完成巡查 ≥ 4（每日）');
      expect(r47[4]).toContain('一是，已加大巡查力度');
      const r42 = rows.find((r) => r[0] === '42')!;
      expect(r42[3]).toContain('推断');
      expect(r42[12]).toContain('2024-08-02 差旅费已全部退回原资金渠道');
      expect(r42[12]).toContain('退款凭证.pdf');
      expect(r47[12]).toContain('（整改报告第');
      const evidence = await readSheet(res.bytes, '佐证材料');
      expect(evidence[0]).toEqual(['序号', '日期', '内容', '附件', '来源', '登记人']);
      // The report's 108 dated measures, and the two the office recorded.
      expect(evidence.filter((r) => r[4].startsWith('整改报告第'))).toHaveLength(108);
      expect(evidence.filter((r) => r[4] === '登记').map((r) => r[0])).toEqual(['25', '42']);
    });

    it('writes the same ledger from the CLI', async () => {
      const file = join(tmp, 'ledger.xlsx');
      const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        expect(await exportLedgerCommand.run(t.config, [file, '--site', 'rc'])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      const rows = await readSheet(readFileSync(file), '整改台账');
      expect(rows[0][0]).toBe('序号');
      expect(rows).toHaveLength(61);
    });
  });
});
