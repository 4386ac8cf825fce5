import { SiteComparisonView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { Site } from '../../server/src/modules/registry/site.entity';
import { call, makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { insertReviews, insertTickets, ReviewRow, TicketRow } from '../support/review-fixtures';
import { REVIEWS_ADMIN_TOKEN, reviewsHarness } from '../support/reviews-api';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// Sites side by side (GET trends/sites): each site's own figures per period, read from the
// rollups, equal to what the test works out from its own inputs. A hall (cs), its town (cs-t1)
// with a village under it (cs-t1-v1), and a hall elsewhere (cx) no account of cs may compare.
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const DAYS = ['2024-03-04', '2024-03-05', '2024-03-11'];

interface Inputs {
  reviews: Array<{ day: string; rating: number }>;
  tickets: Array<{ day: string; waitMin: number | null }>;
}
const INPUTS: Record<string, Inputs> = {
  cs: {
    reviews: [
      { day: DAYS[0], rating: 5 },
      { day: DAYS[0], rating: 1 },
      { day: DAYS[1], rating: 4 },
      { day: DAYS[2], rating: 2 },
    ],
    tickets: [
      { day: DAYS[0], waitMin: 5 },
      { day: DAYS[0], waitMin: 15 },
      { day: DAYS[0], waitMin: null },
      { day: DAYS[1], waitMin: 3 },
      { day: DAYS[2], waitMin: null },
    ],
  },
  'cs-t1-v1': {
    reviews: [
      { day: DAYS[0], rating: 5 },
      { day: DAYS[0], rating: 5 },
      { day: DAYS[0], rating: 4 },
      { day: DAYS[2], rating: 5 },
    ],
    tickets: [
      { day: DAYS[0], waitMin: 2 },
      { day: DAYS[0], waitMin: null },
      { day: DAYS[0], waitMin: null },
      { day: DAYS[2], waitMin: 8 },
    ],
  },
};

/** The figures of a site over days, worked out from the test's own rows. */
function recompute(code: string, days: (d: string) => boolean) {
  const rs = (INPUTS[code]?.reviews ?? []).filter((r) => days(r.day));
  const ts = (INPUTS[code]?.tickets ?? []).filter((r) => days(r.day));
  const waits = ts.filter((t) => t.waitMin !== null);
  return {
    reviews: rs.length,
    good: rs.filter((r) => r.rating >= 4).length,
    bad: rs.filter((r) => r.rating <= 2).length,
    ratingSum: rs.reduce((n, r) => n + r.rating, 0),
    completed: ts.length,
    waitCount: waits.length,
    waitSumSec: waits.reduce((n, t) => n + t.waitMin! * 60, 0),
  };
}

describe('trends: sites side by side', () => {
  let t: TestApp;
  let h: Awaited<ReturnType<typeof reviewsHarness>>;
  const tokens: Record<string, string> = {};
  const get = <T>(who: string, path: string) => call<T>(t.url, 'GET', `/api/v1/admin/trends${path}`, { token: tokens[who] });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN });
    const hall = await makeSite(t.ds, 'cs');
    const repo = t.ds.getRepository(Site);
    const town = await repo.save({
      code: 'cs-t1',
      name: '测试街道便民服务中心',
      nameEn: 'Test Street Centre',
      tier: 'town',
      parentId: hall.id,
    });
    const village = await repo.save({ code: 'cs-t1-v1', name: '测试社区便民服务站', nameEn: null, tier: 'village', parentId: town.id });
    await makeSite(t.ds, 'cx');
    const ids: Record<string, string> = { cs: hall.id, 'cs-t1-v1': village.id };
    for (const [code, input] of Object.entries(INPUTS)) {
      const reviews: ReviewRow[] = input.reviews.map((r, i) => ({
        id: `${code}-r${i}`,
        at: at(r.day, '10:00'),
        rating: r.rating,
        dept: 'd1',
      }));
      const tickets: TicketRow[] = input.tickets.map((x, i) => ({
        day: x.day,
        ticket: `T${i}`,
        dept: 'd1',
        ...(x.waitMin === null ? {} : { issued: at(x.day, '09:00'), called: at(x.day, `09:${String(x.waitMin).padStart(2, '0')}`) }),
      }));
      await insertReviews(t.ds, ids[code], reviews);
      await insertTickets(t.ds, ids[code], tickets);
    }
    h = await reviewsHarness(t, 'cs');
    await h.rollups.rebuild(null, '2024-02-20', '2024-03-20');
    await makeUser(t, 'cs-leader', 'leader', ['cs']);
    await makeUser(t, 'cs-town-leader', 'leader', ['cs-t1']);
    await makeUser(t, 'cs-patrol', 'patrol', ['cs']);
    for (const u of ['cs-leader', 'cs-town-leader', 'cs-patrol']) tokens[u] = (await signIn(t.url, u)).token;
  });
  afterAll(async () => t?.close());

  it('gives each site its own series, equal to a recomputation from the inputs, day by day and by week', async () => {
    const res = await get<SiteComparisonView>('cs-leader', `/sites?site=cs&sites=cs,cs-t1-v1,cs-t1&from=${DAYS[0]}&to=${DAYS[2]}`);
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.sites.map((s) => [s.site, s.tier, s.parent])).toEqual([
      ['cs', 'hall', null],
      ['cs-t1-v1', 'village', 'cs-t1'],
      ['cs-t1', 'town', 'cs'],
    ]);
    expect(v.sites[0].points).toHaveLength(8);
    for (const s of v.sites) {
      for (const p of s.points)
        expect({ site: s.site, ...p }).toMatchObject({ site: s.site, period: p.period, ...recompute(s.site, (d) => d === p.period) });
      expect(s.totals).toMatchObject(recompute(s.site, () => true));
    }
    // The two sites differ, and the town's own figures hold nothing of its village's.
    expect(v.sites[0].totals.good).not.toBe(v.sites[1].totals.good);
    expect(v.sites[2].totals).toMatchObject({ reviews: 0, completed: 0 });

    const weeks = (await get<SiteComparisonView>('cs-leader', `/sites?site=cs&sites=cs-t1-v1&grain=week&from=${DAYS[0]}&to=${DAYS[2]}`))
      .body;
    expect(weeks.sites[0].points.map((p) => p.period)).toEqual(['2024-03-04', '2024-03-11']);
    expect(weeks.sites[0].points[0]).toMatchObject(recompute('cs-t1-v1', (d) => d < '2024-03-11'));
    expect(weeks.sites[0].points[1]).toMatchObject(recompute('cs-t1-v1', (d) => d >= '2024-03-11'));
  });

  it('exports the comparison as a sheet, one row per site and period', async () => {
    const res = await fetch(
      `${t.url}/api/v1/admin/trends/export.xlsx?site=cs&table=sites&sites=cs,cs-t1-v1&grain=month&from=2024-03-01&to=2024-03-31`,
      {
        headers: { authorization: `Bearer ${tokens['cs-leader']}` },
      },
    );
    expect(res.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('站点对比')!;
    expect(ws.getRow(2).getCell(1).value).toBe('站点');
    expect([ws.getRow(3).getCell(2).value, ws.getRow(3).getCell(4).value]).toEqual(['cs', 4]);
    expect([ws.getRow(4).getCell(2).value, ws.getRow(4).getCell(4).value]).toEqual(['cs-t1-v1', 4]);
  });

  it('lets a town compare its own tree only, and refuses roles without trends', async () => {
    const town = await get<SiteComparisonView>('cs-town-leader', `/sites?site=cs-t1&sites=cs-t1,cs-t1-v1&from=${DAYS[0]}&to=${DAYS[0]}`);
    expect(town.status).toBe(200);
    expect(town.body.sites[1].totals).toMatchObject(recompute('cs-t1-v1', (d) => d === DAYS[0]));
    // The hall above it is not the town's to read, by site or by the list.
    expect((await get('cs-town-leader', `/sites?site=cs&sites=cs-t1`)).status).toBe(403);
    const above = await get<{ field: string; message: string }>('cs-town-leader', `/sites?site=cs-t1&sites=cs-t1,cs`);
    expect(above.status).toBe(400);
    expect(above.body).toMatchObject({ field: 'sites', message: expect.stringContaining('cs') });
    expect((await get('cs-patrol', `/sites?site=cs&sites=cs`)).status).toBe(403);
  });

  it('answers 400 naming the field for bad site lists', async () => {
    const bad = async (query: string, field: string, words: string) => {
      const res = await get<{ field: string; message: string }>('cs-leader', `/sites?site=cs&${query}`);
      expect({ query, status: res.status, field: res.body.field }).toEqual({ query, status: 400, field });
      expect(res.body.message).toContain(words);
    };
    await bad('sites=cs,nowhere', 'sites', 'nowhere');
    await bad('sites=cx', 'sites', 'cx');
    await bad('sites=', 'sites', 'at least one');
    await bad('sites=,,', 'sites', 'at least one');
    await bad(`sites=${Array.from({ length: 13 }, (_, i) => `s${i}`).join(',')}`, 'sites', 'at most 12');
    await bad(`sites=${'x'.repeat(1001)}`, 'sites', '1000');
    await bad('sites=cs&from=2024-03-10&to=2024-03-01', 'to', 'before');
  });
});
