import {
  activeRate,
  BreakdownView,
  callbackRate,
  goodRate,
  HeatmapView,
  RankingView,
  rectifyRate,
  TrendMatrixView,
  TrendSeriesView,
  WaitSatisfactionView,
} from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { insertCases, insertComplaint, insertReviews, insertTickets } from '../support/review-fixtures';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

// Starting the app on its own database takes seconds on a loaded machine; jest's 5 s default is too short.
jest.setTimeout(60_000);

// docs/contracts/reviews.md's rates on data whose answers are worked out by hand:
//   主动评价率 = reviews ÷ completed services; 好评率 = ratings 4–5 ÷ all;
//   差评整改率 = bad reviews closed within deadline ÷ bad reviews due.
// Monday 4 March 2024 at the hall (rt) and one of its town centres (rt-t1).
const at = (hhmm: string, day = '2024-03-04') => `${day}T${hhmm}:00+08:00`;

describe("the rates' definitions, from the rollups", () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  let hall: Site;
  const get = async <T>(path: string) => {
    const res = await h.admin<T>('GET', path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    hall = await makeSite(t.ds, 'rt');
    const town = await t.ds
      .getRepository(Site)
      .save({ code: 'rt-t1', name: '测试镇便民服务中心', nameEn: null, tier: 'town', parentId: hall.id });
    h = await reviewsHarness(t, 'rt');
    await insertReviews(t.ds, hall.id, [
      { id: 'a1', at: at('09:05'), rating: 5, dept: 'd1', window: 'w1', staff: 's1', ticket: 'A001' },
      { id: 'a2', at: at('09:20'), rating: 5, dept: 'd1', window: 'w1', staff: 's1' },
      { id: 'a3', at: at('09:40'), rating: 4, dept: 'd1', window: 'w2', staff: 's2' },
      { id: 'a4', at: at('14:10'), rating: 3, dept: 'd1', window: 'w2', staff: 's2' },
      { id: 'a5', at: at('14:20'), rating: 1, dept: 'd1', window: 'w1', staff: 's1', ticket: 'A002', realName: true },
      { id: 'a6', at: at('14:30'), rating: 2, dept: 'd1', window: 'w2', staff: 's2' },
      { id: 'b1', at: at('10:00'), rating: 5, dept: 'd2', window: 'w3', staff: 's3', channel: 'app' },
      { id: 'b2', at: at('10:30'), rating: 2, dept: 'd2', window: 'w3', staff: 's3', channel: 'app' },
      // An upheld appeal: out of every rate.
      { id: 'b3', at: at('11:00'), rating: 1, dept: 'd2', window: 'w3', staff: 's3', channel: 'app', excluded: true },
      // Tuesday, and the Monday before (the previous week).
      { id: 'c1', at: at('09:00', '2024-03-05'), rating: 5, dept: 'd1', window: 'w1', staff: 's1' },
      { id: 'p1', at: at('09:00', '2024-02-26'), rating: 2, dept: 'd1', window: 'w1', staff: 's1' },
      { id: 'p2', at: at('09:30', '2024-02-26'), rating: 5, dept: 'd1', window: 'w1', staff: 's1' },
    ]);
    await insertTickets(t.ds, hall.id, [
      { day: '2024-03-04', ticket: 'A001', dept: 'd1', window: 'w1', staff: 's1', issued: at('08:55'), called: at('09:00') }, // 5 min
      { day: '2024-03-04', ticket: 'A002', dept: 'd1', window: 'w1', staff: 's1', issued: at('13:50'), called: at('14:05') }, // 15 min
      { day: '2024-03-04', ticket: 'A003', dept: 'd1', window: 'w1', staff: 's1' },
      { day: '2024-03-04', ticket: 'A004', dept: 'd1', window: 'w2', staff: 's2' },
      { day: '2024-03-04', ticket: 'A005', dept: 'd1', window: 'w2', staff: 's2' },
      { day: '2024-03-04', ticket: 'A006', dept: 'd1', status: 'waiting', issued: at('16:00') },
      ...['B001', 'B002', 'B003', 'B004'].map((ticket) => ({ day: '2024-03-04', ticket, dept: 'd2', window: 'w3', staff: 's3' })),
      { day: '2024-03-05', ticket: 'A101', dept: 'd1', window: 'w1', staff: 's1' },
    ]);
    const due = { contactDue: '2024-03-05T16:00:00Z', resolveDue: '2024-03-11T16:00:00Z' };
    await insertCases(t.ds, hall.id, [
      // Real-name, called back and closed in time.
      { source: 'a5', dept: 'd1', opened: at('14:20'), ...due, realName: true, firstContact: at('16:00'), closed: '2024-03-08T08:00:00Z' },
      // Missed its deadline: due, not closed in time.
      { source: 'a6', dept: 'd1', opened: at('14:30'), ...due, firstContact: at('17:00'), resolveOverdue: '2024-03-11T16:00:00Z' },
      // Neither closed nor due yet: not in the rate at all.
      { source: 'b2', dept: 'd2', opened: at('10:30'), ...due },
      {
        source: 'p1',
        dept: 'd1',
        opened: at('09:00', '2024-02-26'),
        contactDue: '2024-02-27T16:00:00Z',
        resolveDue: '2024-03-04T16:00:00Z',
        closed: '2024-03-01T08:00:00Z',
      },
      { source: 'k1', kind: 'complaint', dept: 'd1', opened: at('11:00'), ...due, closed: '2024-03-06T08:00:00Z' },
      { source: 'k2', kind: 'complaint', opened: at('15:00'), ...due, resolveOverdue: '2024-03-11T16:00:00Z' },
    ]);
    await insertComplaint(t.ds, hall.id, 'k1', at('11:00'), 'd1');
    await insertComplaint(t.ds, hall.id, 'k2', at('15:00'), null);
    await insertReviews(t.ds, town.id, [{ id: 't1', at: at('10:00'), rating: 4, dept: 'd1', channel: 'qr' }]);
    await insertTickets(t.ds, town.id, [{ day: '2024-03-04', ticket: 'T001', dept: 'd1' }]);
    await h.rollups.rebuild(null, '2024-02-20', '2024-03-10');
  });
  afterAll(async () => t.close());

  it('computes the three rates per day for the site', async () => {
    const s = await get<TrendSeriesView>('/trends/series?site=rt&from=2024-03-04&to=2024-03-05');
    const [mon, tue] = s.points;
    expect(mon).toMatchObject({ period: '2024-03-04', reviews: 8, good: 4, bad: 3, completed: 9, badDue: 2, badClosedOnTime: 1 });
    expect(activeRate(mon)).toBeCloseTo(8 / 9);
    expect(goodRate(mon)).toBe(0.5);
    expect(rectifyRate(mon)).toBe(0.5);
    expect(callbackRate(mon)).toBe(1);
    expect(mon).toMatchObject({ complaints: 2, complaintsDue: 2, complaintsClosedOnTime: 1, waitCount: 2, waitSumSec: 1200 });
    expect(tue).toMatchObject({ period: '2024-03-05', reviews: 1, good: 1, completed: 1 });
    expect(s.previous.map((p) => p.period)).toEqual(['2024-03-02', '2024-03-03']);
  });

  it('sums weeks and months, against the period before', async () => {
    const w = await get<TrendSeriesView>('/trends/series?site=rt&grain=week&from=2024-03-04&to=2024-03-10');
    expect(w.points.map((p) => [p.period, p.reviews, p.good])).toEqual([['2024-03-04', 9, 5]]);
    expect(w.previous.map((p) => [p.period, p.reviews, p.bad, p.badDue, p.badClosedOnTime])).toEqual([['2024-02-26', 2, 1, 1, 1]]);
    const m = await get<TrendSeriesView>('/trends/series?site=rt&grain=month&from=2024-03-01&to=2024-03-31');
    expect(m.points.map((p) => [p.period, p.reviews])).toEqual([['2024-03-01', 9]]);
    expect(m.previous.map((p) => [p.period, p.reviews])).toEqual([['2024-02-01', 2]]);
  });

  it('breaks the rates down by department, window, staff and channel', async () => {
    const byDept = await get<BreakdownView>('/trends/breakdown?site=rt&dim=department&from=2024-03-04&to=2024-03-04');
    const d1 = byDept.rows.find((r) => r.key === 'd1')!;
    const d2 = byDept.rows.find((r) => r.key === 'd2')!;
    expect(d1).toMatchObject({ name: '部门1', reviews: 6, good: 3, bad: 2, completed: 5, badDue: 2, badClosedOnTime: 1, complaints: 1 });
    expect(activeRate(d1)).toBe(1.2); // more reviews than services: shown, not capped
    expect(d2).toMatchObject({ reviews: 2, good: 1, bad: 1, completed: 4, badDue: 0 });
    expect(rectifyRate(d2)).toBeNull();
    expect(byDept.previousFrom).toBe('2024-03-03');
    const byWindow = await get<BreakdownView>('/trends/breakdown?site=rt&dim=window&from=2024-03-04&to=2024-03-04');
    expect(byWindow.rows.map((r) => [r.key, r.reviews, r.completed])).toEqual([
      ['w1', 3, 3],
      ['w2', 3, 2],
      ['w3', 2, 4],
    ]);
    expect(byWindow.rows[0].name).toBe('1号窗口（部门1）');
    const byStaff = await get<BreakdownView>('/trends/breakdown?site=rt&dim=staff&from=2024-03-04&to=2024-03-04');
    expect(byStaff.rows.map((r) => [r.name, r.good])).toEqual([
      ['人员1', 2],
      ['人员2', 1],
      ['人员3', 1],
    ]);
    const byChannel = await get<BreakdownView>('/trends/breakdown?site=rt&dim=channel&from=2024-03-04&to=2024-03-04');
    expect(byChannel.rows.map((r) => [r.name, r.reviews])).toEqual([
      ['窗口评价器', 6],
      ['政务服务APP', 2],
    ]);
  });

  it('gives the daily trend by department as a day × department matrix that adds up to the breakdown', async () => {
    const m = await get<TrendMatrixView>('/trends/matrix?site=rt&dim=department&from=2024-03-04&to=2024-03-05');
    expect(m.rows.map((r) => [r.day, r.key, r.reviews, r.good, r.completed])).toEqual([
      ['2024-03-04', 'd1', 6, 3, 5],
      ['2024-03-04', 'd2', 2, 1, 4],
      ['2024-03-05', 'd1', 1, 1, 1],
    ]);
  });

  it('adds the town centres into the tree and every site into the whole', async () => {
    const tree = await get<TrendSeriesView>('/trends/series?site=rt&scope=tree&from=2024-03-04&to=2024-03-04');
    expect(tree.totals).toMatchObject({ reviews: 9, good: 5, completed: 10 });
    const bySite = await get<BreakdownView>('/trends/breakdown?site=rt&scope=tree&dim=site&from=2024-03-04&to=2024-03-04');
    expect(bySite.rows.map((r) => [r.key, r.reviews])).toEqual([
      ['rt', 8],
      ['rt-t1', 1],
    ]);
    const all = await get<TrendSeriesView>('/trends/series?scope=all&from=2024-03-04&to=2024-03-04');
    expect(all.totals).toEqual(tree.totals);
    expect((await h.admin('GET', '/trends/breakdown?site=rt&scope=tree&dim=window')).status).toBe(400);
  });

  it('maps waiting and bad reviews by weekday and hour, and satisfaction against the wait', async () => {
    const heat = await get<HeatmapView>('/trends/heatmap?site=rt&from=2024-03-04&to=2024-03-04');
    const cell = (hour: number) => heat.cells.find((c) => c.weekday === 1 && c.hour === hour);
    expect(cell(9)).toMatchObject({ reviews: 3, bad: 0 });
    expect(cell(14)).toMatchObject({ reviews: 3, bad: 2 });
    expect(cell(8)).toMatchObject({ waitCount: 1, waitSumSec: 300 });
    expect(cell(13)).toMatchObject({ waitCount: 1, waitSumSec: 900 });
    const wait = await get<WaitSatisfactionView>('/trends/waiting?site=rt&from=2024-03-04&to=2024-03-04');
    expect(wait.rows.filter((r) => r.reviews).map((r) => [r.bucket, r.reviews, r.good, r.bad])).toEqual([
      ['05-10', 1, 1, 0],
      ['15-30', 1, 0, 1],
    ]);
    expect(wait.unlinked).toBe(6);
  });

  it('ranks departments and windows with a reason for each place', async () => {
    const r = await get<RankingView>('/trends/ranking?site=rt&unit=department&month=2024-03');
    expect(r.rows.map((x) => [x.place, x.key])).toEqual([
      [1, 'd1'],
      [2, 'd2'],
    ]);
    expect(r.rows[0].reason.zh).toBe('好评率 57.1%，高于第2名的 50.0%');
    const w = await get<RankingView>('/trends/ranking?site=rt&unit=window&month=2024-03');
    // w4 has no data at all but is in the registry: ranked last, not hidden.
    expect(w.rows.map((x) => x.key)).toEqual(['w1', 'w3', 'w2', 'w4']); // 3/4, 1/2, 1/3 good
    expect(new Set(w.rows.map((x) => x.place)).size).toBe(4);
  });

  it('gives the same rollups incrementally (marks folded by the flush) as by a rebuild', async () => {
    const dump = () =>
      t.ds
        .query(`SELECT * FROM review_daily_rollups ORDER BY level, site_id, dim, day, key`)
        .then((d) =>
          t.ds.query(`SELECT * FROM review_hourly_rollups ORDER BY level, site_id, department, day, hour`).then((hh) => [d, hh]),
        );
    const rebuilt = await dump();
    await t.ds.query(`DELETE FROM review_daily_rollups; DELETE FROM review_hourly_rollups`);
    await t.ds.query(
      `INSERT INTO review_rollup_marks (site_id, day) SELECT DISTINCT site_id, service_day FROM reviews
       UNION SELECT DISTINCT site_id, service_day FROM tickets`,
    );
    expect(await h.rollups.flushAll()).toBeGreaterThan(0);
    expect(await dump()).toEqual(rebuilt);
  });

  it('exports a breakdown to Excel with Chinese headers', async () => {
    const res = await fetch(
      `${t.url}/api/v1/admin/trends/export.xlsx?site=rt&table=breakdown&dim=department&from=2024-03-04&to=2024-03-04`,
      {
        headers: { authorization: `Bearer ${REVIEWS_ADMIN_TOKEN}` },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('按部门')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['部门', '评价数', '主动评价率', '好评率', '差评整改率']));
    const col = (name: string) => header.indexOf(name) + 1;
    const d1 = [3, 4].map((n) => ws.getRow(n)).find((row) => row.getCell(col('编码')).value === 'd1')!;
    expect(d1.getCell(col('评价数')).value).toBe(6);
    expect(d1.getCell(col('好评率')).value).toBe(0.5);
    expect(d1.getCell(col('好评率')).numFmt).toBe('0.00%');
  });
});
