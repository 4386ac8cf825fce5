import {
  activeRate,
  goodRate,
  type OfficeReportListView,
  type OfficeReportView,
  type RateCounts,
  type RectificationListView,
  type TrendSeriesView,
} from '@hallwatch/shared';
import type { Job } from 'bullmq';
import { writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Department } from '../../server/src/modules/registry/department.entity';
import { HallWindow } from '../../server/src/modules/registry/hall-window.entity';
import { Site } from '../../server/src/modules/registry/site.entity';
import { StaffMember } from '../../server/src/modules/registry/staff-member.entity';
import { MONTHLY_SWEEP } from '../../server/src/modules/reports/jobs/monthly-report.job';
import { MonthlyReportProcessor } from '../../server/src/modules/reports/jobs/monthly-report.processor';
import { FollowUpDeadlinesService } from '../../server/src/modules/reviews/follow-up-deadlines.service';
import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { call, makeUser, signIn } from '../support/accounts';
import { hallAt } from '../support/absences';
import { readDocx, type DocxContent } from '../support/docx-text';
import { ev } from '../support/factories';
import { postEvents } from '../support/http';
import { getBytes, postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN_TOKEN = 'office-reports-admin-token-0123456789';
const SITE = 'rpt';

/** One service day: each ticket's wait in minutes, and the ratings of the first tickets. */
interface DayPlan {
  waits: number[];
  ratings: Array<1 | 2 | 3 | 4 | 5>;
  complaints?: string[];
}

// Across the month boundaries the reports must split exactly: the last day of October, the
// first and last of November, the first of December; and November a year before.
const PLAN: Record<string, DayPlan> = {
  '2025-11-14': { waits: [4, 6], ratings: [5, 3] },
  '2026-10-30': { waits: [3, 9, 12], ratings: [5, 5, 4] },
  '2026-10-31': { waits: [20], ratings: [2] },
  '2026-11-02': { waits: [5, 10, 15, 25], ratings: [5, 4, 1], complaints: ['窗口人员态度生硬'] },
  '2026-11-30': { waits: [8, 8], ratings: [5] },
  '2026-12-01': { waits: [30], ratings: [5] },
};
/** Patrol rounds by day and state. */
const ROUNDS: Array<[string, string]> = [
  ['2026-10-30', 'done'],
  ['2026-10-31', 'done'],
  ['2026-11-02', 'done'],
  ['2026-11-02', 'missed'],
  ['2026-11-03', 'done'],
  ['2026-11-30', 'done'],
  ['2026-11-30', 'doubtful'],
  ['2026-12-01', 'done'],
];
/** Notices by the hall-local moment they were issued. */
const NOTICES = ['2026-10-31T16:00', '2026-11-01T09:00', '2026-11-15T10:00', '2026-11-30T23:30', '2026-12-01T08:00'];
const NOW = hallAt('2026-12-01', '10:00');

function eventsOf(dayText: string, d: DayPlan) {
  const at = (min: number) => new Date(hallAt(dayText, '09:00').getTime() + min * 60_000);
  const out = [ev('staff.signed_in', { staff: 's1', window: 'w1' }, at(-30))];
  d.waits.forEach((wait, i) => {
    const ticket = `${dayText.replace(/-/g, '')}-${i}`;
    const issued = at(i * 40);
    const called = new Date(issued.getTime() + wait * 60_000);
    out.push(
      ev('ticket.issued', { ticket, department: i % 2 ? 'd2' : 'd1', channel: 'walk_in' }, issued),
      ev('ticket.called', { ticket, window: 'w1' }, called),
      ev('ticket.completed', { ticket, window: 'w1', staff: 's1', outcome: 'done' }, new Date(called.getTime() + 5 * 60_000)),
    );
    const rating = d.ratings[i];
    if (rating !== undefined)
      out.push(
        ev(
          'review.submitted',
          { rating, channel: 'pad', department: i % 2 ? 'd2' : 'd1', ticket, window: 'w1', staff: 's1' },
          new Date(called.getTime() + 6 * 60_000),
        ),
      );
  });
  for (const [i, summary] of (d.complaints ?? []).entries())
    out.push(ev('complaint.received', { source: 'onsite', summary, department: 'd2' }, at(300 + i)));
  return out;
}

async function makeHall(ds: DataSource): Promise<Site> {
  const site = await ds.getRepository(Site).save({ code: SITE, name: '测试政务服务大厅', nameEn: 'Test hall', tier: 'hall' });
  for (const [code, name, nameEn] of [
    ['d1', '公积金中心', 'Housing fund'],
    ['d2', '医保中心', 'Medical insurance'],
  ])
    await ds.getRepository(Department).save({ siteId: site.id, code, name, nameEn, waitTargetSec: null });
  await ds.getRepository(HallWindow).save({ siteId: site.id, code: 'w1', number: 1, departmentCode: 'd1', kind: 'general', isOpen: true });
  await ds.getRepository(StaffMember).save({ siteId: site.id, code: 's1', name: '人员1', departmentCode: 'd1', onRoster: true });
  return site;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
/** Where the documents are left for a look (LibreOffice → PDF → PNG by hand); not a test dependency. */
const OUT = join(tmpdir(), 'hallwatch-office-reports');

describe('the office’s documents', () => {
  let t: TestApp;
  let supervisor: string;
  let leader: string;
  let patrol: string;
  let department: string;
  let site: Site;

  const post = <T>(token: string | null, path: string, body: unknown) =>
    call<T & { field?: string }>(t.url, 'POST', `/api/v1/admin/sites/${SITE}/reports/${path}`, { token, body });
  const list = async (token = leader) =>
    (await call<OfficeReportListView>(t.url, 'GET', `/api/v1/admin/sites/${SITE}/reports`, { token })).body;
  async function download(doc: OfficeReportView, name: string): Promise<DocxContent> {
    const file = await getBytes(t.url, `/sites/${SITE}/reports/${doc.id}/file`, leader);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent(doc.fileName));
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, name), file.bytes);
    return readDocx(file.bytes);
  }
  const series = async (grain: string, from: string, to: string) =>
    (
      await call<TrendSeriesView>(t.url, 'GET', `/api/v1/admin/trends/series?site=${SITE}&grain=${grain}&from=${from}&to=${to}`, {
        token: leader,
      })
    ).body;

  beforeAll(async () => {
    // No workers: the monthly sweep runs when the test says, and the rollups are flushed by hand.
    t = await startTestApp({ ADMIN_TOKEN, RUN_WORKERS: 'false' });
    site = await makeHall(t.ds);
    await makeUser(t, 'rp.sup', 'supervisor', [SITE]);
    await makeUser(t, 'rp.lead', 'leader', [SITE]);
    await makeUser(t, 'rp.patrol', 'patrol', [SITE]);
    await makeUser(t, 'rp.dept', 'department', { site: SITE, department: 'd1' });
    [supervisor, leader, patrol, department] = await Promise.all(
      ['rp.sup', 'rp.lead', 'rp.patrol', 'rp.dept'].map(async (u) => (await signIn(t.url, u)).token),
    );
    t.clock.setNow(NOW);
    const events = Object.entries(PLAN).flatMap(([d, p]) => eventsOf(d, p));
    const res = await postEvents(t.url, await t.deviceKey(SITE), { events });
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    for (const [i, [day, state]] of ROUNDS.entries())
      await t.ds.query(
        `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state)
         VALUES ($1, $2, $3, $4, '09:00', $5, $5, $5, $6)`,
        [site.id, day, i, `R${i}`, hallAt(day, '09:00'), state],
      );
    for (const [i, at] of NOTICES.entries()) {
      const issued = new Date(`${at}:00+08:00`);
      await t.ds.query(
        `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, issued_at, issued_by, deadline, remind_at, status, replied_at)
         VALUES ($1, $2, gen_random_uuid(), 'd1', $3, 'patrol', $4, $4, $5, $6)`,
        [site.id, `n${i}`, issued, new Date(issued.getTime() + 3 * 86_400_000), i % 2 ? 'closed' : 'open', i % 2 ? issued : null],
      );
    }
    const imported = await postForm(
      t.url,
      `/rectification/import?site=${SITE}`,
      ADMIN_TOKEN,
      {},
      { field: 'file', name: 'r.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBeLessThan(300);
    // Evidence on item 3 inside November, on item 4 in October (outside the period).
    for (const [key, date, text] of [
      ['3', '2026-11-10', '11月10日召开整改推进会，逐项对账销号'],
      ['4', '2026-10-20', '10月20日组织业务培训'],
    ]) {
      const e = await call(t.url, 'POST', `/api/v1/admin/rectification/items/${key}/evidence?site=${SITE}`, {
        token: supervisor,
        body: { date, text },
      });
      expect(e.status).toBe(201);
    }
    await t.app.get(FollowUpDeadlinesService).escalateMissed();
    await t.app.get(RollupService).flushAll();
  });
  afterAll(async () => t.close());

  it('writes the monthly report with the month’s figures against last month and last year, charts, ranking, patrol and complaints', async () => {
    const made = await post<OfficeReportView>(supervisor, 'monthly', { month: '2026-11' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: 'monthly',
      month: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      lang: 'zh',
      trigger: 'manual',
      createdBy: 'rp.sup',
    });
    const doc = await download(made.body, 'monthly-report-2026-11.docx');

    const styled = (s: string) => doc.paragraphs.filter((p) => p.style === s).map((p) => p.text);
    expect(styled('Title')).toEqual(['测试政务服务大厅2026年11月运行分析报告']);
    expect(styled('Heading1')).toEqual([
      '一、总体运行情况',
      '二、进驻部门好差评排名',
      '三、督查巡查及告知书情况',
      '四、投诉及跟进处理情况',
      '五、巡察整改事项进展',
    ]);
    expect(doc.media.filter((m) => m.endsWith('.png'))).toHaveLength(2);

    // The figures table equals what the trends page reads for the same months.
    const s = await series('month', '2025-11-01', '2026-11-30');
    const [lastYear, previous, current] = [s.points[0], s.points[11], s.points[12]];
    expect([lastYear.period, previous.period, current.period]).toEqual(['2025-11-01', '2026-10-01', '2026-11-01']);
    const plannedIn = (prefix: string) => Object.entries(PLAN).filter(([d]) => d.startsWith(prefix));
    expect(current.completed).toBe(plannedIn('2026-11').reduce((n, [, p]) => n + p.waits.length, 0));
    const row = (label: string) => doc.rows.find((r) => r[0] === label)!;
    const fig = (c: RateCounts) => [
      String(c.completed),
      String(c.reviews),
      pct(goodRate(c)),
      pct(activeRate(c)),
      String(c.bad),
      String(c.complaints),
    ];
    const cells = (col: number) =>
      ['办件量（件）', '评价数（条）', '好评率', '主动评价率', '差评数（条）', '投诉（件）'].map((l) => row(l)[col]);
    expect(cells(1)).toEqual(fig(current));
    expect(cells(2)).toEqual(fig(previous));
    expect(cells(4)).toEqual(fig(lastYear));
    expect(row('平均等候（分钟）')[1]).toBe((current.waitSumSec / current.waitCount / 60).toFixed(1));
    expect(row('办件量（件）')[3]).toBe(
      `+${current.completed - previous.completed} (+${(((current.completed - previous.completed) / previous.completed) * 100).toFixed(1)}%)`,
    );

    // The ranking as the trends ranking gives it.
    const ranking = (
      await call<{ rows: Array<{ place: number; name: string; goodRate: number | null }> }>(
        t.url,
        'GET',
        `/api/v1/admin/trends/ranking?site=${SITE}&month=2026-11`,
        { token: leader },
      )
    ).body;
    for (const r of ranking.rows) expect(doc.rows).toContainEqual(expect.arrayContaining([String(r.place), r.name, pct(r.goodRate)]));

    // Patrol: November's rounds and the notices issued on November's hall-local days.
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    const nov = ROUNDS.filter(([d]) => d.startsWith('2026-11'));
    const oct = ROUNDS.filter(([d]) => d.startsWith('2026-10'));
    expect(text).toContain(
      `本月应巡查${nov.length}次，完成${nov.filter(([, s]) => s === 'done').length}次（上月完成${oct.filter(([, s]) => s === 'done').length}次）`,
    );
    const notices = (
      await call<Array<{ issuedAt: string }>>(t.url, 'GET', `/api/v1/admin/sites/${SITE}/patrol/notices?status=all`, { token: leader })
    ).body;
    const novNotices = notices.filter((n) => {
      const local = new Date(new Date(n.issuedAt).getTime() + 8 * 3_600_000).toISOString();
      return local.startsWith('2026-11');
    });
    expect(novNotices).toHaveLength(3);
    expect(text).toContain(`本月下发督查告知书${novNotices.length}份`);
    // The complaint of 2 November and its follow-up.
    expect(doc.rows).toContainEqual(expect.arrayContaining(['医保中心', '窗口人员态度生硬']));
    expect(text).toContain('整改报告共60个事项');
  });

  it('writes it in English when asked', async () => {
    const made = await post<OfficeReportView>(leader, 'monthly', { month: '2026-11', lang: 'en' });
    expect(made.status).toBe(201);
    const doc = await download(made.body, 'monthly-report-2026-11-en.docx');
    expect(doc.paragraphs.filter((p) => p.style === 'Title').map((p) => p.text)).toEqual([
      'Test hall: monthly operations report, November 2026',
    ]);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)[0]).toBe('1. Overview');
    expect(made.body.fileName).toBe('rpt-monthly-report-2026-11.docx');
  });

  it('drafts the next 整改情况 report in the published structure, items 1–60 in order, figures from the live record', async () => {
    const made = await post<OfficeReportView>(supervisor, 'rectification-draft', { from: '2026-11-01', to: '2026-11-30' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'rectification-draft', reportRef: 'main', from: '2026-11-01', to: '2026-11-30', month: null });
    const doc = await download(made.body, 'rectification-draft-2026-11.docx');
    expect(doc.paragraphs.find((p) => p.style === 'Title')!.text).toBe('关于巡察整改情况的报告（草稿）');
    expect(doc.headers.join()).toContain('草稿');

    const ledger = (await call<RectificationListView>(t.url, 'GET', `/api/v1/admin/rectification/items?site=${SITE}`, { token: leader }))
      .body;
    const items = ledger.sections.flatMap((s) => s.items);
    const numbers = doc.paragraphs.filter((p) => p.style === 'Heading4').map((p) => Number(/^\((\d+)\)/.exec(p.text)![1]));
    expect(numbers).toEqual(items.map((i) => i.number));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Sections as the ledger groups them, under the part.
    expect(doc.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(
      ledger.sections.filter((s) => s.ordinal !== null).map((s) => `(${s.numeral})${s.title}`),
    );

    // A patrol-linked item and a ratings-linked item: their figures are the period's, as the API gives them.
    const after = (n: number) => {
      const i = doc.paragraphs.findIndex((p) => p.style === 'Heading4' && p.text.startsWith(`(${n})`));
      const end = doc.paragraphs.findIndex((p, j) => j > i && p.style.startsWith('Heading'));
      return doc.paragraphs.slice(i + 1, end).map((p) => p.text);
    };
    const totals = (await series('day', '2026-11-01', '2026-11-30')).totals;
    const done = ROUNDS.filter(([d, s]) => d.startsWith('2026-11') && s === 'done').length;
    const linkedTo = (prefix: string) => items.filter((i) => i.links.some((l) => l.indicator.startsWith(prefix))).map((i) => i.number);
    const patrolItem = linkedTo('patrol.')[0];
    const reviewsItem = linkedTo('reviews.').find((n) => !linkedTo('patrol.').includes(n) && !linkedTo('notices.').includes(n))!;
    expect([patrolItem, reviewsItem].every((n) => n > 0)).toBe(true);
    expect(after(patrolItem).find((l) => l.startsWith('本期数据：'))).toMatch(
      new RegExp(`^本期数据：本期开展巡查${done}次，下发督查告知书3份[，。]`),
    );
    expect(after(reviewsItem).find((l) => l.startsWith('本期数据：'))).toContain(
      `收到评价${totals.reviews}条，好评率${pct(goodRate(totals))}，主动评价率${pct(activeRate(totals))}，差评${totals.bad}条，回访${totals.callbackDone}人`,
    );
    // Item 3 has November evidence; item 4's is October's, outside the period, so it needs attention.
    expect(after(3)).toContain('11月10日，11月10日召开整改推进会，逐项对账销号');
    expect(after(4)).toContain('【需关注】本期无整改记录，请责任部门补充整改情况。');
    expect(after(4).join()).not.toContain('10月20日组织业务培训');
    const attention = doc.rows.filter((r) => r[4]?.includes('本期无整改记录')).map((r) => Number(r[0]));
    const linked = new Set(
      items
        .filter((i) => i.links.some((l) => !['roster.presence'].includes(l.indicator) && !l.indicator.startsWith('staff.')))
        .map((i) => i.number),
    );
    expect(attention).toEqual(items.filter((i) => i.number !== 3 && !linked.has(i.number)).map((i) => i.number));
    expect(attention).toContain(4);
  });

  it('refuses a bad month or period naming the field, and stores nothing', async () => {
    const before = (await list()).documents.length;
    const bad: Array<[string, unknown, string]> = [
      ['monthly', { month: '2026-13' }, 'month'],
      ['monthly', { month: '2027-01' }, 'month'],
      ['monthly', {}, 'month'],
      ['monthly', { month: '2026-11', lang: 'fr' }, 'lang'],
      ['monthly', { month: '2026-11', extra: 1 }, 'extra'],
      ['rectification-draft', { from: '2026-11-31', to: '2026-11-30' }, 'from'],
      ['rectification-draft', { from: '2026-11-01' }, 'to'],
      ['rectification-draft', { from: '2026-11-10', to: '2026-11-01' }, 'to'],
      ['rectification-draft', { from: '2026-11-01', to: '2026-12-02' }, 'to'],
      ['rectification-draft', { from: '2025-11-01', to: '2026-11-30' }, 'from'],
      ['rectification-draft', { from: '2026-11-01', to: '2026-11-30', report: 'other' }, 'report'],
      ['rectification-draft', { from: '2026-11-01', to: '2026-11-30', report: '../x' }, 'report'],
    ];
    for (const [path, body, field] of bad) {
      const res = await post(supervisor, path, body);
      expect([path, JSON.stringify(body), res.status, res.body.field]).toEqual([path, JSON.stringify(body), 400, field]);
    }
    expect((await list()).documents).toHaveLength(before);
    const missing = await getBytes(t.url, `/sites/${SITE}/reports/00000000-0000-4000-8000-000000000000/file`, leader);
    expect(missing.status).toBe(404);
  });

  it('lets only the office and leaders make, list and download them', async () => {
    const [doc] = (await list()).documents;
    for (const token of [patrol, department]) {
      expect((await post(token, 'monthly', { month: '2026-11' })).status).toBe(403);
      expect((await post(token, 'rectification-draft', { from: '2026-11-01', to: '2026-11-30' })).status).toBe(403);
      expect((await call(t.url, 'GET', `/api/v1/admin/sites/${SITE}/reports`, { token })).status).toBe(403);
      expect((await getBytes(t.url, `/sites/${SITE}/reports/${doc.id}/file`, token)).status).toBe(403);
    }
    expect((await call(t.url, 'GET', `/api/v1/admin/sites/${SITE}/reports`, { token: null })).status).toBe(401);
  });

  it('writes last month’s report on the schedule, once', async () => {
    const processor = t.app.get(MonthlyReportProcessor);
    const first = await processor.process({ name: MONTHLY_SWEEP, data: {} } as Job);
    expect(first).toEqual({ written: [`${SITE}:2026-11`] });
    expect(await processor.process({ name: MONTHLY_SWEEP, data: {} } as Job)).toEqual({ written: [] });
    const scheduled = (await list()).documents.filter((d) => d.trigger === 'schedule');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ kind: 'monthly', month: '2026-11', createdBy: 'schedule', lang: 'zh' });
    const doc = await download(scheduled[0], 'monthly-report-scheduled.docx');
    expect(doc.paragraphs.find((p) => p.style === 'Title')!.text).toBe('测试政务服务大厅2026年11月运行分析报告');
    // A month later the sweep writes December's.
    t.clock.setNow(hallAt('2027-01-01', '00:30'));
    expect(await processor.process({ name: MONTHLY_SWEEP, data: {} } as Job)).toEqual({ written: [`${SITE}:2026-12`] });
    t.clock.setNow(NOW);
  });
});
