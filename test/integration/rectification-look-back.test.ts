import { IndicatorSnapshot, LookBackResult, QueueName, REBOUND_ALERT_KIND, RectificationItemView } from '@hallwatch/shared';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { PatrolIndicatorSource, ZERO_PATROL } from '../../server/src/modules/indicators/patrol-indicators';
import { LOOK_BACK_EVERY_MS, LOOK_BACK_SCHEDULER, LOOK_BACK_SWEEP } from '../../server/src/modules/rectification/jobs/look-back.job';
import { bearer } from '../support/accounts';
import { adminApi } from '../support/admin-api';
import { ev, makeSite } from '../support/factories';
import { localDay } from '../support/hall-day';
import { postForm, reopenAllItems, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

// The look-back (回头看): a rectified item whose linked indicator stays off target rebounds
// (反弹), shows so in the API and as an alert in the wall's snapshot, and clears when the
// indicator is back on target. Time is driven with the server's Clock.
//
// The day-level scenario is played with item 17 and reviews.active_rate, which ingest
// events drive. Item 47 is played through the indicators' patrol seam (usePatrolSource)
// with a source reporting two rounds done, so that it does not depend on how the patrol
// module (written in parallel) records rounds.

jest.setTimeout(60_000);

const TOKEN = 'test-admin-token-look-back';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Hall-local midnight (Asia/Shanghai, UTC+8) of a day ten days back: every event lies in the past.
const D = Math.floor((Date.now() - 10 * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
const at = (day: number, h: number, m = 0) => new Date(D + day * DAY + h * HOUR + m * 60_000);
const near = (iso: string | null, expected: Date) => expect(Math.abs(Date.parse(iso ?? '') - expected.getTime())).toBeLessThan(5000);

describe('rectification look-back', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    for (const code of ['lb', 'p47']) {
      await makeSite(t.ds, code);
      keys.set(code, await t.deviceKey(code));
      const res = await postForm(
        t.url,
        `/rectification/import?site=${code}`,
        TOKEN,
        {},
        { field: 'file', name: 'seed.txt', bytes: seedReportText() },
      );
      expect(res.status).toBe(200);
      await reopenAllItems(t.ds, code);
    }
  });
  afterAll(async () => t.close());

  const post = async (site: string, events: unknown[]) => {
    const res = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.get(site)}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
  };
  const lookBack = async (site: string, now: Date) => {
    t.clock.setNow(now);
    const res = await api<LookBackResult>('POST', `/rectification/look-back?site=${site}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const item = async (site: string, n: number) => (await api<RectificationItemView>('GET', `/rectification/items/${n}?site=${site}`)).body;
  // Item 25 is linked to the active rate and to the callback checks; this test is about the first.
  const activeRateLink = (i: RectificationItemView) => i.links.find((l) => l.indicator === 'reviews.active_rate');
  const alerts = async (site: string) =>
    (
      (await (await fetch(`${t.url}/api/v1/sites/${site}/indicators`, { headers: bearer(TOKEN) })).json()) as IndicatorSnapshot
    ).alerts.filter((a) => a.kind === REBOUND_ALERT_KIND);
  const rectify = async (site: string, n: number, now: Date) => {
    t.clock.setNow(now);
    expect((await api('PATCH', `/rectification/items/${n}?site=${site}`, { status: 'rectified' })).status).toBe(200);
  };
  /** `served` tickets completed in d1 and `reviews` of them rated, on day `day` from 09:00. */
  const serveDay = async (site: string, day: number, served: number, reviews: number) => {
    const events = [];
    for (let i = 0; i < served; i++) {
      const ticket = `D${day}-${i}`;
      events.push(ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, at(day, 9, i * 3)));
      events.push(ev('ticket.called', { ticket, window: 'w1' }, at(day, 9, i * 3 + 1)));
      events.push(ev('ticket.completed', { ticket, window: 'w1', staff: 's1', outcome: 'done' }, at(day, 9, i * 3 + 2)));
    }
    for (let i = 0; i < reviews; i++)
      events.push(ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1', ticket: `D${day}-${i}` }, at(day, 11, i)));
    await post(site, events);
  };

  it('item 17: a day with 2 reviews for 10 services rebounds after closing, shows in the API and the snapshot, and clears', async () => {
    await rectify('lb', 17, at(-1, 17));
    await serveDay('lb', 0, 10, 2);

    // During the day the rate is off target but the day is not judged until the hall closes.
    expect((await lookBack('lb', at(0, 15))).rebounding).toEqual([]);
    const midday = await item('lb', 17);
    expect(midday.links[0]).toMatchObject({ indicator: 'reviews.active_rate', value: 0.2, onTarget: false, failingDays: 0 });
    expect(midday.rebound).toBeNull();

    const evening = await lookBack('lb', at(0, 18, 30));
    expect(evening.raised).toEqual(['item-17']);
    const since = at(0, 0).toISOString();
    expect(evening.rebounding).toContainEqual({ key: 'item-17', number: 17, since });
    // Item 25 is linked to the same rate but is not declared rectified: no rebound.
    expect(evening.rebounding.map((r) => r.number)).toEqual([17]);

    const i17 = await item('lb', 17);
    expect(i17.rebound).toMatchObject({
      since,
      links: [expect.objectContaining({ indicator: 'reviews.active_rate', value: 0.2, target: 0.995 })],
    });
    expect(i17.links[0]).toMatchObject({ judgedDay: expect.any(String), failingDays: 1, offSince: since });
    // The history is newest first by the (test) clock; the import ran at the real time, later than these days.
    expect(i17.history.filter((h) => h.field === 'rebound')).toEqual([
      expect.objectContaining({ actor: 'look-back', old: null, new: since, at: expect.stringMatching(/^.{10}T\d\d:30/) }),
    ]);

    const wall = await alerts('lb');
    expect(wall).toEqual([
      expect.objectContaining({
        id: 'rectification.rebound:main:item-17',
        severity: 'breach',
        site: 'lb',
        since,
        items: [17],
        message: {
          zh: '整改事项 #17 反弹：主动评价率 20%，目标 ≥ 99.5%（每日）',
          en: 'Item #17 rebounding: Active evaluation rate 20%, target ≥ 99.5% (daily)',
        },
      }),
    ]);
    const list = await api<{ counts: { rebounding: number } }>('GET', '/rectification/items?site=lb');
    expect(list.body.counts.rebounding).toBe(1);

    // Running it again judges nothing twice and raises nothing new.
    expect(await lookBack('lb', at(0, 18, 40))).toMatchObject({
      raised: [],
      cleared: [],
      rebounding: [{ key: 'item-17', number: 17, since }],
    });

    // The next day meets the target: the rebound clears after that day's close.
    await serveDay('lb', 1, 4, 4);
    expect((await lookBack('lb', at(1, 12))).cleared).toEqual([]);
    expect((await lookBack('lb', at(1, 18, 5))).cleared).toEqual(['item-17']);
    expect(await alerts('lb')).toEqual([]);
    expect((await item('lb', 17)).history.filter((h) => h.field === 'rebound').map((h) => [h.old, h.new])).toEqual([
      [since, null],
      [null, since],
    ]);
  });

  it('a closed day without data is judged neither way, and the item says so instead of 达标', async () => {
    // Nothing happened at the hall on day 6 (a rest day): item 25's daily rate has nothing to divide.
    await lookBack('lb', at(6, 18, 30));
    expect(activeRateLink(await item('lb', 25))).toMatchObject({ judgedDay: localDay(at(6, 12).getTime()), judgedVerdict: 'no-data' });
    await serveDay('lb', 7, 4, 4);
    await lookBack('lb', at(7, 18, 30));
    expect(activeRateLink(await item('lb', 25))).toMatchObject({ judgedDay: localDay(at(7, 12).getTime()), judgedVerdict: 'pass' });
  });

  it('a live link (item 50, staff away unregistered) rebounds after the configured minutes and clears on return', async () => {
    const settings = await api('PATCH', '/rectification/settings?site=lb', { liveMinutes: 20 });
    expect(settings.body).toMatchObject({ liveMinutes: 20, days: 1, dayClosesAt: '18:00' });
    await rectify('lb', 50, at(2, 8));
    await post('lb', [
      ev('staff.signed_in', { staff: 's2', window: 'w2' }, at(2, 8, 30)),
      ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'unregistered' }, at(2, 10)),
    ]);
    const first = await lookBack('lb', at(2, 10, 5));
    expect(first.rebounding).toEqual([]);
    const off = (await item('lb', 50)).links[0];
    expect(off).toMatchObject({ indicator: 'staff.away.unregistered', value: 1, onTarget: false });
    // First seen off target by the 10:05 check (the test clock runs on by a few milliseconds).
    near(off.offSince, at(2, 10, 5));
    expect((await lookBack('lb', at(2, 10, 20))).raised).toEqual([]);
    const later = await lookBack('lb', at(2, 10, 26));
    expect(later.raised).toEqual(['item-50']);
    expect(later.rebounding.map((r) => r.key)).toEqual(['item-50']);
    expect(later.rebounding[0].since).toBe(off.offSince);
    expect((await alerts('lb')).map((a) => a.items)).toEqual([[50]]);

    // Taking the item back to 整改中 ends the rebound at once; declaring it rectified again restarts the clock.
    t.clock.setNow(at(2, 10, 28));
    const reopened = await api<RectificationItemView>('PATCH', '/rectification/items/50?site=lb', { status: 'in_progress' });
    expect(reopened.body.rebound).toBeNull();
    expect(reopened.body.history.find((h) => h.field === 'rebound')).toMatchObject({ actor: 'look-back', old: off.offSince, new: null });
    expect(await alerts('lb')).toEqual([]);
    await rectify('lb', 50, at(2, 10, 30));
    expect((await lookBack('lb', at(2, 10, 35))).rebounding).toEqual([]);

    await post('lb', [ev('staff.returned', { staff: 's2', window: 'w2' }, at(2, 10, 40))]);
    expect(await lookBack('lb', at(2, 10, 55))).toMatchObject({ raised: [], cleared: [], rebounding: [] });
    expect((await item('lb', 50)).links[0]).toMatchObject({ value: 0, onTarget: true, offSince: null });
  });

  it('item 47: marked rectified, then a day with only two patrol rounds → rebound on the wall and in the items (patrol seam)', async () => {
    const rounds = new Map<string, number>([[`p47`, 2]]);
    const patrol: PatrolIndicatorSource = {
      values: async (_em, site) => ({
        rounds: [],
        site: { ...ZERO_PATROL, 'patrol.rounds.done': rounds.get(site.code) ?? 0 },
        departments: {},
      }),
    };
    t.app.get(IndicatorsService).usePatrolSource(patrol);

    await rectify('p47', 47, at(3, 20));
    // The hall worked that day (a day without any event is not judged: no rounds on a Sunday is no rebound).
    await post('p47', [ev('ticket.issued', { ticket: 'P1', department: 'd1', channel: 'walk_in' }, at(4, 9))]);
    const result = await lookBack('p47', at(4, 18, 1));
    expect(result.raised).toEqual(['item-47']);

    const i47 = await item('p47', 47);
    expect(i47.status).toBe('rectified');
    expect(i47.rebound).toMatchObject({ since: at(4, 0).toISOString() });
    expect(i47.rebound?.links).toEqual([
      expect.objectContaining({ indicator: 'patrol.rounds.done', value: 2, comparator: '>=', target: 4, window: 'day' }),
    ]);
    expect(i47.links.find((l) => l.indicator === 'patrol.findings.open')).toMatchObject({ onTarget: true, failingDays: 0 });
    const wall = await alerts('p47');
    expect(wall).toHaveLength(1);
    expect(wall[0].message.zh).toBe('整改事项 #47 反弹：已完成巡查 2，目标 ≥ 4（每日）');

    // Four rounds the next day: back on target.
    rounds.set('p47', 4);
    await post('p47', [ev('ticket.issued', { ticket: 'P2', department: 'd1', channel: 'walk_in' }, at(5, 9))]);
    expect((await lookBack('p47', at(5, 18, 1))).cleared).toEqual(['item-47']);
    expect(await alerts('p47')).toEqual([]);
  });

  it('runs periodically as a BullMQ job scheduler, and a sweep job checks every linked site', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Rectification));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: LOOK_BACK_SCHEDULER, every: LOOK_BACK_EVERY_MS }));

    const before = new Date(Date.now() + 365 * DAY);
    t.clock.setNow(before);
    await queue.add(LOOK_BACK_SWEEP, {});
    const deadline = Date.now() + 15_000;
    let checked: Array<{ code: string }> = [];
    while (Date.now() < deadline) {
      checked = await t.ds.query(
        `SELECT DISTINCT s.code FROM rectification_rebounds b JOIN sites s ON s.id = b.site_id WHERE b.last_checked_at >= $1 ORDER BY s.code`,
        [before],
      );
      if (checked.length === 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(checked.map((c) => c.code)).toEqual(['lb', 'p47']);
  });
});
