import type { AbsenceEvidenceResult, AbsenceFigureRow, AbsenceFiguresView, RectificationItemView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { auditCount, call, makeUser, signIn } from '../support/accounts';
import { hallAt, registerApi } from '../support/absences';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { getBytes, postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'absence-figures-admin-token-0123456789';

// The register's figures for July 2024, per department: approved outings and leave, late filings,
// pending entries, and the absences from the windows that no approved entry covered, with the
// workbook's cells and the figures filed as evidence on items 50 and 51.
describe('the register’s monthly figures', () => {
  let t: TestApp;
  let supA: string;
  let supB: string;
  let leader: string;
  let api: ReturnType<typeof registerApi>;
  const d = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

  /** Files as the first supervisor on `at` (the hall's clock), and decides as the second unless told not to. */
  async function entry(at: Date, filing: Parameters<typeof api.file>[1], decision: 'approved' | 'rejected' | null = 'approved') {
    t.clock.setNow(at);
    const filed = await api.file(supA, filing);
    expect(filed.status).toBe(201);
    if (decision)
      expect((await api.decide(supB, filed.body.id, decision, decision === 'rejected' ? '窗口人手不足' : undefined)).status).toBe(200);
    return filed.body;
  }

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN });
    await makeSite(t.ds, 'fig', 2);
    await makeUser(t, 'fig.sup.a', 'supervisor', ['fig']);
    await makeUser(t, 'fig.sup.b', 'supervisor', ['fig']);
    await makeUser(t, 'fig.lead', 'leader', ['fig']);
    [supA, supB, leader] = await Promise.all(['fig.sup.a', 'fig.sup.b', 'fig.lead'].map(async (u) => (await signIn(t.url, u)).token));
    api = registerApi(t, 'fig');
    // Tuesday 30 July is a day off on the hall's calendar.
    const holiday = await call(t.url, 'PUT', '/api/v1/admin/calendar?site=fig', {
      token: ADMIN_TOKEN,
      body: { from: '2024-07-30', kind: 'holiday', name: '测试调休' },
    });
    expect(holiday.status).toBeLessThan(300);

    // Monday 22 July: s1's outing and s3's meeting are filed that morning and approved.
    await entry(hallAt('2024-07-22', '08:00'), {
      staff: 's1',
      kind: 'official_business',
      from: d('2024-07-22', '09:00'),
      to: d('2024-07-22', '11:00'),
      reason: '送件',
    });
    await entry(hallAt('2024-07-22', '08:05'), {
      staff: 's3',
      kind: 'meeting',
      from: d('2024-07-22', '14:00'),
      to: d('2024-07-22', '16:00'),
      reason: '全区会议',
    });
    await entry(
      hallAt('2024-07-22', '08:10'),
      { staff: 's3', kind: 'meeting', from: d('2024-07-23', '14:00'), to: d('2024-07-23', '15:00'), reason: '会议' },
      'rejected',
    );
    // s4's sick leave, reported on return (补报): Wednesday whole, Thursday morning (4 of 9 opening hours).
    await entry(hallAt('2024-07-25', '13:00'), {
      staff: 's4',
      kind: 'sick_leave',
      from: d('2024-07-24', '08:30'),
      to: d('2024-07-25', '12:30'),
      reason: '急性肠胃炎',
    });
    // s2's annual leave from Monday 29 July into August; s1's half day still awaits a decision.
    await entry(hallAt('2024-07-26', '10:00'), {
      staff: 's2',
      kind: 'annual_leave',
      from: d('2024-07-29', '08:30'),
      to: d('2024-08-02', '17:30'),
      reason: '年休假',
    });
    await entry(
      hallAt('2024-07-26', '10:05'),
      { staff: 's1', kind: 'personal_leave', from: d('2024-07-31', '14:00'), to: d('2024-07-31', '17:30'), reason: '家中有事' },
      null,
    );

    t.clock.setNow(hallAt('2024-07-31', '18:00'));
    const at = (hhmm: string) => hallAt('2024-07-22', hhmm);
    const events = [
      ...['s1', 's2', 's3', 's4'].map((s) => ev('staff.signed_in', { staff: s, window: `w${s.slice(1)}` }, at('08:30'))),
      // Covered by the approved outing: registered.
      ev('staff.left_post', { staff: 's1', window: 'w1', reason: 'official_business' }, at('09:05')),
      ev('staff.returned', { staff: 's1', window: 'w1' }, at('10:40')),
      // Walked off for 20 minutes; then declared official business with nothing filed.
      ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'unregistered' }, at('10:00')),
      ev('staff.returned', { staff: 's2', window: 'w2' }, at('10:20')),
      ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'official_business' }, at('15:00')),
      ev('staff.returned', { staff: 's2', window: 'w2' }, at('15:40')),
      // Left ten minutes before the approved meeting, came back twenty minutes after it ended.
      ev('staff.left_post', { staff: 's3', window: 'w3', reason: 'meeting' }, at('13:50')),
      ev('staff.returned', { staff: 's3', window: 'w3' }, at('16:20')),
      // A ten-minute break in order, then a thirty-minute one.
      ev('staff.left_post', { staff: 's4', window: 'w4', reason: 'break' }, at('11:00')),
      ev('staff.returned', { staff: 's4', window: 'w4' }, at('11:10')),
      ev('staff.left_post', { staff: 's4', window: 'w4', reason: 'break' }, at('15:00')),
      ev('staff.signed_out', { staff: 's4', window: 'w4' }, at('15:30')),
    ];
    const res = await postEvents(t.url, await t.deviceKey('fig'), { events });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => t.close());

  const zero = {
    outings: 0,
    officialBusiness: 0,
    meetings: 0,
    leaves: 0,
    leaveDays: 0,
    lateFilings: 0,
    pending: 0,
    unregistered: 0,
    outingsUnregistered: 0,
    walkOffs: 0,
    overruns: 0,
  };
  const d1: Partial<AbsenceFigureRow> = {
    ...zero,
    department: 'd1',
    outings: 1,
    officialBusiness: 1,
    leaves: 1,
    leaveDays: 2, // 29 and 31 July; the 30th is a holiday and August is another month
    pending: 1,
    unregistered: 2,
    outingsUnregistered: 1,
    walkOffs: 1,
  };
  const d2: Partial<AbsenceFigureRow> = {
    ...zero,
    department: 'd2',
    outings: 1,
    meetings: 1,
    leaves: 1,
    leaveDays: 1.5,
    lateFilings: 1,
    unregistered: 2,
    overruns: 2,
  };

  it('counts each department’s outings, leave, late filings and unregistered absences', async () => {
    const res = await api.get<AbsenceFiguresView>(leader, '/figures?month=2024-07');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ site: 'fig', month: '2024-07', allowedBreakSec: 900 });
    expect(res.body.departments).toEqual([
      { ...d1, name: { zh: '部门1', en: 'Dept 1' } },
      { ...d2, name: { zh: '部门2', en: 'Dept 2' } },
    ]);
    expect(res.body.total).toEqual({
      ...zero,
      department: null,
      total: true,
      name: { zh: '合计', en: 'Total' },
      outings: 2,
      officialBusiness: 1,
      meetings: 1,
      leaves: 2,
      leaveDays: 3.5,
      lateFilings: 1,
      pending: 1,
      unregistered: 4,
      outingsUnregistered: 1,
      walkOffs: 1,
      overruns: 2,
    });
    // The current month by default; August has only the tail of s2's leave (1 and 2 August).
    const august = await api.get<AbsenceFiguresView>(leader, '/figures');
    expect(august.body.month).toBe('2024-07');
    t.clock.setNow(hallAt('2024-08-05', '09:00'));
    const aug = await api.get<AbsenceFiguresView>(leader, '/figures');
    expect(aug.body.month).toBe('2024-08');
    expect(aug.body.total).toMatchObject({ leaves: 0, leaveDays: 2, unregistered: 0 });
    t.clock.setNow(hallAt('2024-07-31', '18:00'));
  });

  it('refuses a month to come or a malformed one', async () => {
    for (const month of ['2024-08', '2024-13', '202407']) {
      const res = await api.get<AbsenceFiguresView>(leader, `/figures?month=${month}`);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('month');
    }
  });

  it('writes the figures, the entries and the unregistered absences to the workbook', async () => {
    const res = await getBytes(t.url, '/sites/fig/absences/figures.xlsx?month=2024-07', leader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('外出报备与请销假-fig-2024-07.xlsx'));
    const wb = new Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['部门汇总', '登记明细', '未报备离岗明细']);
    const cells = (sheet: string, row: number) => (wb.getWorksheet(sheet)!.getRow(row).values as unknown[]).slice(1);

    expect(String(cells('部门汇总', 1)[0])).toContain('2024-07 外出报备与请销假统计');
    expect(cells('部门汇总', 2)).toEqual([
      '部门',
      '编码',
      '因公外出',
      '外出开会',
      '外出合计',
      '请假人次',
      '请假天数',
      '补报',
      '待审批',
      '未报备离岗合计',
      '未报备外出',
      '擅自离岗',
      '超时未归',
    ]);
    expect(cells('部门汇总', 3)).toEqual(['部门1', 'd1', 1, 0, 1, 1, 2, 0, 1, 2, 1, 1, 0]);
    expect(cells('部门汇总', 4)).toEqual(['部门2', 'd2', 0, 1, 1, 1, 1.5, 1, 0, 2, 0, 0, 2]);
    expect(cells('部门汇总', 5)).toEqual(['合计', '', 1, 1, 2, 2, 3.5, 1, 1, 4, 1, 1, 2]);

    const entries = wb.getWorksheet('登记明细')!;
    expect(entries.rowCount).toBe(2 + 6);
    const sick = (entries.getRows(3, 6) ?? []).map((r) => (r.values as unknown[]).slice(1)).find((v) => v[3] === '病假')!;
    expect(sick).toEqual([
      '人员4',
      's4',
      '部门2',
      '病假',
      '2024-07-24 08:30',
      '2024-07-25 12:30',
      '',
      '急性肠胃炎',
      '已批准',
      'fig.sup.a',
      '2024-07-25 13:00',
      '是',
      'fig.sup.b',
      '2024-07-25 13:00',
      '',
    ]);
    expect((entries.getRows(3, 6) ?? []).map((r) => r.getCell(9).value)).toEqual([
      '已批准',
      '已批准',
      '未批准',
      '已批准',
      '已批准',
      '待审批',
    ]);

    const absences = wb.getWorksheet('未报备离岗明细')!;
    expect(absences.rowCount).toBe(2 + 4);
    expect(cells('未报备离岗明细', 2)).toEqual(['离岗时间', '人员', '工号', '部门', '窗口', '申报原因', '离岗分钟', '认定']);
    expect([3, 4, 5, 6].map((r) => cells('未报备离岗明细', r))).toEqual([
      ['2024-07-22 10:00', '人员2', 's2', '部门1', 'w2', '未登记', 20, '擅自离岗'],
      ['2024-07-22 13:50', '人员3', 's3', '部门2', 'w3', '会议', 150, '超时未归'],
      ['2024-07-22 15:00', '人员2', 's2', '部门1', 'w2', '因公外出', 40, '未报备外出'],
      ['2024-07-22 15:00', '人员4', 's4', '部门2', 'w4', '休息', 30, '超时未归'],
    ]);
  });

  it('files the month’s figures as evidence on items 50 and 51, with the workbook attached', async () => {
    const noReport = await api.post<AbsenceEvidenceResult>(supA, '/figures/evidence?month=2024-07');
    expect(noReport.status).toBe(404);
    expect(noReport.body.message).toMatch(/import one first/);

    const imported = await postForm(
      t.url,
      '/rectification/import?site=fig',
      ADMIN_TOKEN,
      {},
      { field: 'file', name: 'r.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBeLessThan(300);
    expect((await api.post(leader, '/figures/evidence?month=2024-07')).status).toBe(403);
    const filed = await api.post<AbsenceEvidenceResult>(supA, '/figures/evidence?month=2024-07');
    expect(filed.status).toBe(201);
    expect(filed.body.items.map((i) => i.number)).toEqual([50, 51]);

    const item = async (n: number) =>
      (await call<RectificationItemView>(t.url, 'GET', `/api/v1/admin/rectification/items/${n}?site=fig`, { token: leader })).body;
    // Beside the dated measures the report itself gives (source "report"), the figures filed now.
    const filedOnly = (i: RectificationItemView) => ({ ...i, evidence: i.evidence.filter((e) => e.source === 'office') });
    const [i50, i51] = [filedOnly(await item(50)), filedOnly(await item(51))];
    expect(i50.evidence).toHaveLength(1);
    expect(i50.evidence[0]).toMatchObject({
      date: '2024-07-31',
      createdBy: 'fig.sup.a',
      attachment: { name: '外出报备与请销假-fig-2024-07.xlsx', type: expect.stringContaining('spreadsheet') },
    });
    expect(i50.evidence[0].text).toContain('因公外出 1 次、外出开会 1 次');
    expect(i50.evidence[0].text).toContain('申报外出而无已批准登记 1 次');
    expect(i51.evidence[0].text).toContain('请假 2 人次、3.5 个工作日');
    expect(i51.evidence[0].text).toContain('未报备离岗 4 次');
    // The links of both items read the live indicator the register now settles.
    expect(i50.links.map((l) => l.indicator)).toEqual(['staff.away.unregistered']);
    expect(await auditCount(t.ds, 'absence.figures.evidence')).toBe(1);
  });
});
