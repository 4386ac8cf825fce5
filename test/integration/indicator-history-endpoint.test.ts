import { IndicatorHistoryResponse } from '@hallwatch/shared';
import { bearer } from '../support/accounts';
import { makeSite } from '../support/factories';
import { localDay, localMidnight } from '../support/hall-day';
import { getJson } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// GET /api/v1/sites/:site/indicators/history: the wall's sparkline reads today's hours of one
// indicator from indicator_history, cut at the hall's midnight.

const ADMIN = 'history-admin-token-0123456';

describe('indicator history endpoint', () => {
  let t: TestApp;
  let wall: Record<string, string>;
  const now = new Date('2026-03-04T06:30:00Z'); // 14:30 in the hall
  const today = localDay(now.getTime());
  const midnight = localMidnight(today);
  const hour = (h: number) => new Date(midnight + h * 3600_000);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    t.clock.setNow(now);
    const site = await makeSite(t.ds, 'histapi', 1);
    wall = bearer(await t.displayToken('histapi'));
    const rows: Array<[string, Date, string, number | null]> = [
      ['reviews.good_rate', hour(10), '', 0.99],
      ['reviews.good_rate', hour(9), '', 0.995],
      ['reviews.good_rate', hour(11), '', null],
      ['reviews.good_rate', hour(10), 'd1', 0.9],
      ['reviews.good_rate', hour(-1), '', 0.5], // 23:00 yesterday
      ['reviews.good_rate', hour(24), '', 0.5], // 00:00 tomorrow
      ['queue.waiting', hour(10), '', 7],
    ];
    for (const [indicator, at, department, value] of rows)
      await t.ds.query(`INSERT INTO indicator_history (site_id, indicator, hour, department, value) VALUES ($1, $2, $3, $4, $5)`, [
        site.id,
        indicator,
        at,
        department,
        value,
      ]);
  });
  afterAll(async () => t.close());

  const get = (query: string) =>
    getJson<IndicatorHistoryResponse & { message?: string }>(`${t.url}/api/v1/sites/histapi/indicators/history?${query}`, wall);

  it("returns today's hall hours of one indicator, in order, site level by default", async () => {
    const { status, body } = await get('indicator=reviews.good_rate&day=today');
    expect(status).toBe(200);
    expect(body).toEqual({
      site: 'histapi',
      indicator: 'reviews.good_rate',
      department: null,
      day: today,
      points: [
        { hour: hour(9).toISOString(), value: 0.995 },
        { hour: hour(10).toISOString(), value: 0.99 },
        { hour: hour(11).toISOString(), value: null },
      ],
    });
  });

  it('reads one department, or another day', async () => {
    expect((await get('indicator=reviews.good_rate&department=d1')).body.points).toEqual([{ hour: hour(10).toISOString(), value: 0.9 }]);
    const yesterday = localDay(midnight - 1);
    expect((await get(`indicator=reviews.good_rate&day=${yesterday}`)).body.points).toEqual([{ hour: hour(-1).toISOString(), value: 0.5 }]);
  });

  it('answers 400 for an unknown indicator or a malformed day, and 404 for an unknown site', async () => {
    expect((await get('indicator=reviews.nice_rate')).status).toBe(400);
    expect((await get('indicator=reviews.good_rate&day=2026-02-30')).status).toBe(400);
    expect((await get('indicator=reviews.good_rate&day=yesterday')).status).toBe(400);
    expect((await getJson(`${t.url}/api/v1/sites/nowhere/indicators/history?indicator=reviews.good_rate`, bearer(ADMIN))).status).toBe(404);
  });
});
