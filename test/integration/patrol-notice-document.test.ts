import { PatrolFindingView, PatrolNoticeDocumentView, PatrolNoticeView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { PNG } from 'pngjs';
import { makeUser, login } from '../support/accounts';
import { makeSite } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { call, hall, MONDAY, roundEvent } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

// 督查告知书 as a document: its 文号 from the site's pattern (one sequence per site and year,
// never given twice), the view the printed form is made from, the PDF with the text a reader
// needs, the office's acceptance or escalation, and the month's deductions as a workbook.

const ADMIN = 'test-admin-token-notice-document';
const SITE = 'ndoc';
const R1 = `${MONDAY}-1`;
const DEADLINE = '2024-07-18T17:00:00+08:00';

/** A small red PNG, as a phone's photo of the finding. */
function photo(): Buffer {
  const png = new PNG({ width: 40, height: 30 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 30, 30, 255], i);
  return PNG.sync.write(png);
}

describe('the notice as a document', () => {
  let t: TestApp;
  let deptToken: string;
  const patrol = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, type?: string) =>
    call<T>(`${t.url}/api/v1/patrol/sites/${SITE}${path}`, method, ADMIN, body, type);
  const admin = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token = ADMIN) =>
    call<T>(`${t.url}/api/v1/admin/sites/${SITE}${path}`, method, token, body);
  const raw = (path: string, token = ADMIN) =>
    fetch(`${t.url}/api/v1/admin/sites/${SITE}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const finding = async (check: string) =>
    (await admin<PatrolFindingView[]>('GET', '/patrol/findings?status=all')).body.find((f) => f.checkEventId === check)!;
  const issue = (id: string, check: string, department: string, text?: string) =>
    patrol<PatrolNoticeView>('POST', '/notices', { id, check, department, deadline: DEADLINE, ...(text ? { text } : {}) });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE sites SET name = '惠济区政务服务中心' WHERE code = $1`, [SITE]);
    await t.ds.query(`UPDATE departments SET name = '市场监管局' WHERE code = 'd1'`);
    await makeUser(t, 'scjg.ndoc', 'department', { site: SITE, department: 'd2' });
    deptToken = (await login(t.url, 'scjg.ndoc')).session!.token;
    t.clock.setNow(hall(MONDAY, '08:55:00'));
    await admin('PUT', '/patrol/schedule', { enabled: true });
    t.clock.setNow(hall(MONDAY, '09:10:00'));
    const checks = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, i) =>
      roundEvent(
        'round.check',
        {
          round: R1,
          checkpoint: i === 0 ? 'nameplate' : 'first-aid',
          result: 'finding',
          department: i >= 4 ? 'd2' : 'd1',
          window: i >= 4 ? 'w3' : 'w1',
          severity: 'medium',
          note: `公示牌照片与在岗人员不符 ${i}`,
        },
        hall(MONDAY, `09:0${2 + i}:00`),
        id,
      ),
    );
    const res = await patrol<{ results: Array<{ status: string }> }>('POST', '/events', {
      events: [roundEvent('round.started', { round: R1, patroller: 'p' }, hall(MONDAY, '09:01:00')), ...checks],
    });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
    expect((await patrol('PUT', '/photos/c1', photo(), 'image/png')).status).toBe(201);
  });
  afterAll(async () => t.close());

  it('numbers notices from the default pattern, one sequence per site and year', async () => {
    const first = await issue('n1', 'c1', 'd1', '请立即更新公示牌并书面说明原因');
    expect(first.status).toBe(201);
    expect(first.body.number).toBe('惠济区政务服务中心督告〔2024〕1号');
    // A resend is the same notice with the same number, not a second one.
    expect((await issue('n1', 'c1', 'd1')).body.number).toBe('惠济区政务服务中心督告〔2024〕1号');
    expect((await issue('n2', 'c2', 'd1')).body.number).toBe('惠济区政务服务中心督告〔2024〕2号');
  });

  it('refuses a pattern that could give two notices one number, naming the field; a good one applies to the next notice only', async () => {
    for (const [pattern, msg] of [
      ['惠督〔{year}〕号', /must contain \{seq\}/],
      ['惠督〔{seq}〕号', /must contain \{year\}/],
      ['惠督〔{year}〕{n}号', /unknown placeholder \{n\}/],
      ['惠督〔{year〕{seq}号', /unclosed brace/],
      ['', /must be text/],
    ] as const) {
      const res = await admin<{ field: string; message: string }>('PATCH', '/settings', { noticeNumberPattern: pattern });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('noticeNumberPattern');
      expect(res.body.message).toMatch(msg);
    }
    const set = await admin('PATCH', '/settings', {
      noticeNumberPattern: '惠政服督〔{year}〕{seq:3}号',
      noticeIssuer: '惠济区政务服务中心督查室',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ noticeNumberPattern: '惠政服督〔{year}〕{seq:3}号', noticeIssuer: '惠济区政务服务中心督查室' });
    expect((await issue('n3', 'c3', 'd1')).body.number).toBe('惠政服督〔2024〕003号');
    const earlier = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body.find((n) => n.clientId === 'n1');
    expect(earlier?.number).toBe('惠济区政务服务中心督告〔2024〕1号');
  });

  it('gives notices issued at the same moment different numbers', async () => {
    const answers = await Promise.all([issue('n4', 'c4', 'd1'), issue('n5', 'c5', 'd2'), issue('n6', 'c6', 'd2')]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.number).sort()).toEqual(['惠政服督〔2024〕004号', '惠政服督〔2024〕005号', '惠政服督〔2024〕006号']);
    const seqs = (await t.ds.query(`SELECT year, last FROM patrol_notice_sequences`)) as Array<{ year: number; last: number }>;
    expect(seqs).toEqual([{ year: 2024, last: 6 }]);
  });

  it('gives the printed form everything it carries, the photo included', async () => {
    const n1 = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body.find((n) => n.clientId === 'n1')!;
    const doc = await admin<PatrolNoticeDocumentView>('GET', `/patrol/notices/${n1.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      state: 'awaiting',
      issuer: '惠济区政务服务中心督查室',
      department: { code: 'd1', name: '市场监管局' },
      requirement: '请立即更新公示牌并书面说明原因',
      facts: {
        checkpoint: { code: 'nameplate' },
        window: { code: 'w1', number: 1 },
        note: '公示牌照片与在岗人员不符 0',
        severity: 'medium',
      },
      notice: { number: '惠济区政务服务中心督告〔2024〕1号', deadline: '2024-07-18T09:00:00.000Z' },
    });
    expect(doc.body.facts.photo).toBe(`/api/v1/admin/sites/${SITE}/patrol/notices/${n1.id}/photo`);
    const img = await raw(`/patrol/notices/${n1.id}/photo`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(photo())).toBe(true);
    const n2 = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body.find((n) => n.clientId === 'n2')!;
    expect((await admin<PatrolNoticeDocumentView>('GET', `/patrol/notices/${n2.id}`)).body.facts.photo).toBeNull();
    expect((await admin('GET', `/patrol/notices/${n2.id}/photo`)).status).toBe(404);
    expect((await admin('GET', '/patrol/notices/not-a-notice')).status).toBe(404);
  });

  it('writes the PDF with the number, the addressee, the facts, the deadline and the office', async () => {
    const n1 = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body.find((n) => n.clientId === 'n1')!;
    const res = await raw(`/patrol/notices/${n1.id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('惠济区政务服务中心督告〔2024〕1号.pdf'));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(bytes)).text.replace(/\s+/g, '');
    for (const part of [
      '督查告知书',
      '惠济区政务服务中心督告〔2024〕1号',
      '市场监管局：',
      '公示牌照片与在岗人员不符0',
      '1号窗口',
      '请立即更新公示牌并书面说明原因',
      '请于2024年7月18日17时00分前',
      '惠济区政务服务中心督查室',
      '2024年7月15日',
    ])
      expect(text).toContain(part);
    expect((await raw('/patrol/notices/00000000-0000-4000-8000-000000000000.pdf')).status).toBe(404);
  });

  it("shows a department only its own notices' documents, PDFs and photos", async () => {
    const all = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body;
    const own = all.find((n) => n.clientId === 'n5')!;
    const other = all.find((n) => n.clientId === 'n1')!;
    expect((await admin('GET', `/patrol/notices/${own.id}`, undefined, deptToken)).status).toBe(200);
    expect((await raw(`/patrol/notices/${own.id}.pdf`, deptToken)).status).toBe(200);
    expect((await admin('GET', `/patrol/notices/${other.id}`, undefined, deptToken)).status).toBe(404);
    expect((await raw(`/patrol/notices/${other.id}.pdf`, deptToken)).status).toBe(404);
    expect((await raw(`/patrol/notices/${other.id}/photo`, deptToken)).status).toBe(404);
    expect((await admin('POST', `/patrol/notices/${own.id}/accept`, {}, deptToken)).status).toBe(403);
  });

  it('accepts a reply, escalates what is not accepted, once each, and audits both', async () => {
    const all = (await admin<PatrolNoticeView[]>('GET', '/patrol/notices?status=all')).body;
    const n5 = all.find((n) => n.clientId === 'n5')!;
    const n6 = all.find((n) => n.clientId === 'n6')!;
    expect((await admin<{ message: string }>('POST', `/patrol/notices/${n5.id}/accept`, {})).body.message).toMatch(/not replied yet/);
    expect((await admin('POST', `/patrol/notices/${n5.id}/reply`, { reply: '已整改' }, deptToken)).status).toBe(201);
    const accepted = await admin<PatrolNoticeView>('POST', `/patrol/notices/${n5.id}/accept`, {});
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'closed', acceptedBy: 'admin-token' });
    expect((await admin('POST', `/patrol/notices/${n5.id}/accept`, {})).status).toBe(409);
    expect((await admin('POST', `/patrol/notices/${n5.id}/escalate`, {})).status).toBe(409);
    expect((await admin<{ field: string }>('POST', `/patrol/notices/${n6.id}/escalate`, { note: ' ' })).body.field).toBe('note');
    const escalated = await admin<PatrolNoticeView>('POST', `/patrol/notices/${n6.id}/escalate`, { note: '部门拒不整改' });
    expect(escalated.body).toMatchObject({ escalatedBy: 'admin-token', escalationNote: '部门拒不整改' });
    expect(escalated.body.escalatedAt).not.toBeNull();
    expect((await admin('POST', `/patrol/notices/${n6.id}/escalate`, {})).status).toBe(409);
    expect((await admin<PatrolNoticeDocumentView>('GET', `/patrol/notices/${n6.id}`)).body.state).toBe('escalated');
    expect((await admin<PatrolNoticeDocumentView>('GET', `/patrol/notices/${n5.id}`)).body.state).toBe('accepted');
    const audit = (await t.ds.query(`SELECT action, target FROM audit_log WHERE action LIKE 'patrol.notice.%' ORDER BY id`)) as unknown[];
    expect(audit).toEqual([
      { action: 'patrol.notice.accept', target: `notice:${n5.id}` },
      { action: 'patrol.notice.escalate', target: `notice:${n6.id}` },
    ]);
  });

  it("exports the month's deductions as a workbook of totals and details", async () => {
    await admin('POST', `/patrol/findings/${(await finding('c1')).id}/violation`, { points: 3 });
    await admin('POST', `/patrol/findings/${(await finding('c2')).id}/violation`, { points: 2, reason: '药箱过期' });
    await admin('POST', `/patrol/findings/${(await finding('c5')).id}/violation`, {});
    const res = await raw('/patrol/deductions/2024-07.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('deductions-ndoc-2024-07.xlsx');
    const wb = new Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const totals = wb.getWorksheet('部门扣分汇总')!;
    const rows = totals
      .getSheetValues()
      .slice(3)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(['市场监管局', 'd1', 2, 5]);
    expect(rows[1][0]).toBe('部门2');
    expect(rows[2][0]).toBe('合计');
    const details = wb
      .getWorksheet('扣分明细')!
      .getSheetValues()
      .slice(3)
      .map((r) => (r as unknown[]).slice(1));
    expect(details[0]).toEqual(expect.arrayContaining(['市场监管局', '2024-07-15 09:02', 3, '惠济区政务服务中心督告〔2024〕1号']));
    expect((await admin<{ field: string }>('GET', '/patrol/deductions/2024-13.xlsx')).body.field).toBe('month');
    // A department's workbook holds its own deductions only.
    const own = new Workbook();
    await own.xlsx.load(await (await raw('/patrol/deductions/2024-07.xlsx', deptToken)).arrayBuffer());
    expect(JSON.stringify(own.getWorksheet('扣分明细')!.getSheetValues())).not.toContain('市场监管局');
  });
});
