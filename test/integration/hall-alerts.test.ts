import { BAD_REVIEW_ALERT_KIND, FollowUpListView, IndicatorSnapshot, LiveAlert, LiveAlertKind } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { HallWindow } from '../../server/src/modules/registry/hall-window.entity';
import { StaffMember } from '../../server/src/modules/registry/staff-member.entity';
import { IndicatorsService } from '../../server/src/modules/indicators/indicators.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { adminApi } from '../support/admin-api';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { localDay } from '../support/hall-day';
import { getJson, postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

// The alerts the hall was promised (docs/contracts/indicators.md): an unattended window, a new
// 差评, a surge from the hall's second day, and windows out of balance — each raised by events or
// by the clock, and cleared when its cause ends. The server's clock is driven, so the days used
// lie in the past whatever day the suite runs.

jest.setTimeout(90_000);

const TOKEN = 'hall-alerts-admin-token-0123456789';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Hall-local midnight (UTC+8) twenty days back: every event below lies in the past.
const D = Math.floor((Date.now() - 20 * DAY + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
const at = (day: number, h: number, m = 0) => new Date(D + day * DAY + h * HOUR + m * 60_000);
const EVERY_DAY = { opens: '08:30', closes: '17:30', weekdays: [0, 1, 2, 3, 4, 5, 6] };

describe('the alerts the hall was promised', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    for (const code of ['ua', 'rv', 'sg', 'ib']) {
      const site = await makeSite(t.ds, code, 2);
      // The 掌上办 zone of item 47, and the helper who should be in it.
      await t.ds
        .getRepository(HallWindow)
        .save({ siteId: site.id, code: 'ZS1', number: 86, departmentCode: 'd1', kind: 'self_service', isOpen: true });
      await t.ds.getRepository(StaffMember).save({ siteId: site.id, code: 'h86', name: '辅导员', departmentCode: 'd1', onRoster: true });
      keys.set(code, await t.deviceKey(code));
      expect((await api('PATCH', `/sites/${code}/settings`, { hours: EVERY_DAY })).status).toBe(200);
    }
  });
  afterAll(async () => t.close());

  const post = async (site: string, events: Array<ReturnType<typeof ev>>) => {
    const res = await postEvents(t.url, keys.get(site)!, { events });
    expect(res.body.results?.filter((r) => r.status !== 'accepted')).toEqual([]);
  };
  const snapshot = async (site: string, now: Date): Promise<IndicatorSnapshot> => {
    t.clock.setNow(now);
    const res = await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/${site}/indicators`, bearer(TOKEN));
    expect(res.status).toBe(200);
    return res.body;
  };
  const alerts = async (site: string, kind: LiveAlertKind, now: Date): Promise<LiveAlert[]> =>
    (await snapshot(site, now)).alerts.filter((a) => a.kind === kind);
  const signIn = (staff: string, window: string, when: Date) => ev('staff.signed_in', { staff, window }, when);
  const allSignedIn = (day: number) => ['w1', 'w2', 'w3', 'w4'].map((w, i) => signIn(`s${i + 1}`, w, at(day, 8, 25)));

  describe('unattended window (item 47)', () => {
    it('raises for the 掌上办 zone nobody signed in at, counts its minutes, and clears when someone signs in', async () => {
      await post('ua', allSignedIn(0));
      expect(await alerts('ua', 'window.unattended', at(0, 8, 44))).toEqual([]);
      const [zone] = await alerts('ua', 'window.unattended', at(0, 8, 46));
      expect(zone).toMatchObject({
        id: 'window.unattended:ZS1',
        severity: 'breach',
        department: 'd1',
        window: 'ZS1',
        since: at(0, 8, 30).toISOString(),
        items: [47],
        message: { zh: '部门1：86号窗口（掌上办）无人值守 16 分钟', en: 'Dept 1: window 86 (self-service) empty 16 min' },
      });
      // The trial's 94 minutes: one line, the same id, its minutes counted on.
      const later = await alerts('ua', 'window.unattended', at(0, 10, 4));
      expect(later.map((a) => [a.id, a.since, a.message.zh])).toEqual([
        ['window.unattended:ZS1', at(0, 8, 30).toISOString(), '部门1：86号窗口（掌上办）无人值守 94 分钟'],
      ]);
      await post('ua', [signIn('h86', 'ZS1', at(0, 10, 5))]);
      expect(await alerts('ua', 'window.unattended', at(0, 10, 6))).toEqual([]);
    });

    it('counts a window its staff signed out of from the sign-out, past the site threshold, until closing', async () => {
      await post('ua', [ev('staff.signed_out', { staff: 's3', window: 'w3' }, at(0, 10, 10))]);
      expect(await alerts('ua', 'window.unattended', at(0, 10, 24))).toEqual([]);
      const [w3] = await alerts('ua', 'window.unattended', at(0, 10, 26));
      expect(w3).toMatchObject({ id: 'window.unattended:w3', department: 'd2', since: at(0, 10, 10).toISOString() });
      expect(w3.message.zh).toBe('部门2：3号窗口无人值守 16 分钟');
      // A laxer site threshold: 30 minutes.
      expect((await api('PATCH', '/sites/ua/settings', { unattendedWindowSec: 1800 })).status).toBe(200);
      expect(await alerts('ua', 'window.unattended', at(0, 10, 39))).toEqual([]);
      expect((await alerts('ua', 'window.unattended', at(0, 10, 41))).map((a) => a.id)).toEqual(['window.unattended:w3']);
      expect((await api('PATCH', '/sites/ua/settings', { unattendedWindowSec: null })).status).toBe(200);
      // The hall closes at 17:30: the empty window is no longer unattended.
      expect((await alerts('ua', 'window.unattended', at(0, 17, 29))).map((a) => a.id)).toEqual(['window.unattended:w3']);
      expect(await alerts('ua', 'window.unattended', at(0, 17, 30))).toEqual([]);
    });

    it('stays quiet on a holiday, on a day the hall does not open, and through the midday break', async () => {
      // Day 1: a public holiday in the site's calendar.
      const holiday = localDay(at(1, 12).getTime());
      expect((await api('PUT', '/calendar?site=ua', { from: holiday, kind: 'holiday', name: '劳动节' })).status).toBe(200);
      await post('ua', [signIn('s1', 'w1', at(1, 8, 25))]);
      expect(await alerts('ua', 'window.unattended', at(1, 11))).toEqual([]);
      // Day 2: a weekday the hours leave out.
      const weekday = new Date(at(2, 12).getTime() + 8 * HOUR).getUTCDay();
      const hours = { ...EVERY_DAY, weekdays: EVERY_DAY.weekdays.filter((d) => d !== weekday) };
      expect((await api('PATCH', '/sites/ua/settings', { hours })).status).toBe(200);
      await post('ua', [signIn('s1', 'w1', at(2, 8, 25))]);
      expect(await alerts('ua', 'window.unattended', at(2, 11))).toEqual([]);
      // Day 3: open, with a midday break from 12:00 to 13:30; everyone in, then w2 out for lunch.
      expect((await api('PATCH', '/sites/ua/settings', { hours: EVERY_DAY, lunchBreak: { from: '12:00', to: '13:30' } })).status).toBe(200);
      await post('ua', [
        ...allSignedIn(3),
        signIn('h86', 'ZS1', at(3, 8, 25)),
        ev('staff.signed_out', { staff: 's2', window: 'w2' }, at(3, 12)),
      ]);
      expect(await alerts('ua', 'window.unattended', at(3, 12, 40))).toEqual([]);
      expect(await alerts('ua', 'window.unattended', at(3, 13, 44))).toEqual([]);
      const [w2] = await alerts('ua', 'window.unattended', at(3, 13, 46));
      expect(w2).toMatchObject({ id: 'window.unattended:w2', since: at(3, 13, 30).toISOString() });
    });
  });

  describe('on an open wall', () => {
    it('clears an alert the wall was given on connecting, raised by time alone, when its cause ends', async () => {
      await post('ua', allSignedIn(5));
      // Nothing has been pushed since: the wall holds the 掌上办 alert from its own snapshot only.
      t.clock.setNow(at(5, 10));
      const socket: Socket = io(`${t.url}/live`, { auth: { site: 'ua', token: await t.displayToken('ua') }, transports: ['websocket'] });
      const heard: LiveAlert[] = [];
      socket.on('alert', (a: LiveAlert) => heard.push(a));
      try {
        const snap = await new Promise<IndicatorSnapshot>((resolve) => socket.once('snapshot', resolve));
        expect(snap.alerts.map((a) => a.id)).toContain('window.unattended:ZS1');
        await post('ua', [signIn('h86', 'ZS1', at(5, 10))]);
        await until(() => heard.some((a) => a.id === 'window.unattended:ZS1' && a.state === 'cleared'));
      } finally {
        socket.close();
      }
    });
  });

  describe('a new 差评 (items 8, 17)', () => {
    const review = (id: string, rating: number, window: string, staff: string, when: Date) =>
      ev('review.submitted', { rating, channel: 'pad', department: 'd1', window, staff }, when, id);
    const caseOf = async (sourceId: string) => {
      const res = await api<FollowUpListView>('GET', '/sites/rv/follow-ups?status=all');
      return res.body.cases.find((c) => c.sourceId === sourceId)!;
    };
    const call = async (sourceId: string, reached: boolean) => {
      const res = await api('POST', `/sites/rv/follow-ups/${(await caseOf(sourceId)).id}/contact`, { reached, note: '已致电' });
      expect(res.status).toBe(200);
    };

    it('is on the wall at once, one line per department naming the newest, and clears with the first contact', async () => {
      await post('rv', allSignedIn(0));
      await post('rv', [review('bad-1', 1, 'w1', 's1', at(0, 10))]);
      const [first] = await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 10, 1));
      expect(first).toMatchObject({
        id: 'review.bad:bad-1',
        severity: 'warning',
        department: 'd1',
        window: 'w1',
        staff: 's1',
        since: at(0, 10).toISOString(),
        items: [8, 17],
        message: { zh: '部门1：1号窗口 人员1 差评 1 星', en: 'Dept 1: 1★ review, window 1, 人员1' },
      });
      // A second 差评 of the department: it takes the line, with the count of those not called back.
      await post('rv', [review('bad-2', 2, 'w2', 's2', at(0, 10, 10)), review('fine-3', 3, 'w2', 's2', at(0, 10, 12))]);
      const two = await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 10, 15));
      expect(two.map((a) => [a.id, a.since, a.message.zh])).toEqual([
        ['review.bad:bad-2', at(0, 10, 10).toISOString(), '部门1：2号窗口 人员2 差评 2 星，2 件待回访'],
      ]);
      await call('bad-2', true);
      expect((await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 10, 20))).map((a) => [a.id, a.message.zh])).toEqual([
        ['review.bad:bad-1', '部门1：1号窗口 人员1 差评 1 星'],
      ]);
      // A call that does not reach the citizen is not a contact.
      await call('bad-1', false);
      expect((await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 10, 25))).map((a) => a.id)).toEqual(['review.bad:bad-1']);
      await call('bad-1', true);
      expect(await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 10, 30))).toEqual([]);
    });

    it('leaves the wall at the end of its day, and alerts only at or below the site rating', async () => {
      await post('rv', [review('bad-4', 1, 'w1', 's1', at(0, 16))]);
      expect((await alerts('rv', BAD_REVIEW_ALERT_KIND, at(0, 23, 59))).map((a) => a.id)).toEqual(['review.bad:bad-4']);
      // The next day the follow-up's own deadlines carry it.
      expect(await alerts('rv', BAD_REVIEW_ALERT_KIND, at(1, 0, 1))).toEqual([]);
      expect((await api('PATCH', '/sites/rv/settings', { badReviewAlertRating: 1 })).status).toBe(200);
      await post('rv', [review('bad-5', 2, 'w2', 's2', at(1, 9))]);
      expect(await alerts('rv', BAD_REVIEW_ALERT_KIND, at(1, 9, 1))).toEqual([]);
      await post('rv', [review('bad-6', 1, 'w2', 's2', at(1, 9, 5))]);
      expect((await alerts('rv', BAD_REVIEW_ALERT_KIND, at(1, 9, 6))).map((a) => [a.id, a.message.zh])).toEqual([
        ['review.bad:bad-6', '部门1：2号窗口 人员2 差评 1 星'],
      ]);
    });

    it('reaches an open wall as an alert event and leaves it when the citizen is called back', async () => {
      t.clock.setNow(at(2, 9));
      const socket: Socket = io(`${t.url}/live`, { auth: { site: 'rv', token: await t.displayToken('rv') }, transports: ['websocket'] });
      const heard: LiveAlert[] = [];
      socket.on('alert', (a: LiveAlert) => heard.push(a));
      try {
        await new Promise((resolve) => socket.once('snapshot', resolve));
        await post('rv', [review('bad-7', 1, 'w1', 's1', at(2, 9))]);
        await until(() => heard.some((a) => a.id === 'review.bad:bad-7' && a.state === 'raised'));
        await call('bad-7', true);
        await until(() => heard.some((a) => a.id === 'review.bad:bad-7' && a.state === 'cleared'));
      } finally {
        socket.close();
      }
    });
  });

  describe('surge from day one (item 26)', () => {
    const issue = (ticket: string, when: Date) => ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, when);

    it('takes the previous days’ same hour as the baseline until there are four weeks of the weekday', async () => {
      const site = (await t.ds.getRepository(Site).findOneBy({ code: 'sg' }))!;
      const service = t.app.get(IndicatorsService);
      // The hall's first day: one waiting at 10:30, recorded as that hour's history.
      await post('sg', [signIn('s1', 'w1', at(0, 8, 25)), issue('A0', at(0, 10, 20))]);
      t.clock.setNow(at(0, 10, 30));
      await service.recordHour(site);
      // Its second day: eight waiting at 10:30, far above yesterday's one.
      const tickets = Array.from({ length: 8 }, (_, i) => issue(`B${i}`, at(1, 10, 10 + i)));
      await post('sg', [signIn('s1', 'w1', at(1, 8, 25)), ...tickets]);
      const [surge] = await alerts('sg', 'surge.risk', at(1, 10, 30));
      expect(surge).toMatchObject({ id: 'surge.risk:d1', department: 'd1', since: at(1, 10, 17).toISOString(), items: [26] });
      expect(surge.message.zh).toBe('部门1：等候 8 人，远高于该时段常态 1 人');
      // Calling one ticket ends it (7 is under the minimum of 8).
      await post('sg', [ev('ticket.called', { ticket: 'B0', window: 'w1' }, at(1, 10, 31))]);
      expect(await alerts('sg', 'surge.risk', at(1, 10, 32))).toEqual([]);
    });

    it('judges against the same weekday once four weeks of it are recorded', async () => {
      const site = (await t.ds.getRepository(Site).findOneBy({ code: 'sg' }))!;
      const record = (day: number, value: number) =>
        t.ds.query(
          `INSERT INTO indicator_history (site_id, indicator, hour, department, value) VALUES ($1, 'queue.waiting', $2, 'd1', $3)
           ON CONFLICT (site_id, indicator, hour, department) DO UPDATE SET value = EXCLUDED.value`,
          [site.id, at(day, 10), value],
        );
      // Day 8's 10 o'clock: quiet on the six days before (1 waiting), busy on its own weekday (12) for four weeks.
      for (let day = 2; day <= 7; day++) await record(day, 1);
      for (let w = 1; w <= 4; w++) await record(8 - 7 * w, 12);
      const tickets = Array.from({ length: 9 }, (_, i) => issue(`C${i}`, at(8, 10, 10 + i)));
      await post('sg', [signIn('s1', 'w1', at(8, 8, 25)), ...tickets]);
      // Nine waiting is ordinary for this weekday (usually 12).
      expect(await alerts('sg', 'surge.risk', at(8, 10, 30))).toEqual([]);
      // With three weeks of it only, the last seven days' mean is the baseline: (6 × 1 + 12) ÷ 7 ≈ 2.6, and 9 is a surge.
      await t.ds.query(`DELETE FROM indicator_history WHERE site_id = $1 AND hour = $2`, [site.id, at(8 - 28, 10)]);
      const [surge] = await alerts('sg', 'surge.risk', at(8, 10, 30));
      expect(surge.message.zh).toBe('部门1：等候 9 人，远高于该时段常态 2.6 人');
    });
  });

  describe('window imbalance (item 22)', () => {
    const served = (n: number, window: string, staff: string, from: Date) =>
      Array.from({ length: n }, (_, i) => {
        const ticket = `${window}-${from.getTime()}-${i}`;
        const t0 = from.getTime() + i * 5 * 60_000;
        return [
          ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, new Date(t0)),
          ev('ticket.called', { ticket, window }, new Date(t0 + 60_000)),
          ev('ticket.completed', { ticket, window, staff, outcome: 'done' }, new Date(t0 + 4 * 60_000)),
        ];
      }).flat();

    it('raises once the busiest window has run away from the idlest, names both, and clears when the load evens out', async () => {
      await post('ib', [signIn('s1', 'w1', at(0, 8, 25)), signIn('s2', 'w2', at(0, 8, 25)), ...served(9, 'w1', 's1', at(0, 9))]);
      // Nine against none: not yet judged (two windows need ten completions).
      expect(await alerts('ib', 'windows.imbalance', at(0, 9, 50))).toEqual([]);
      await post('ib', served(1, 'w1', 's1', at(0, 9, 50)));
      const snap = await snapshot('ib', at(0, 10));
      expect(snap.departments.d1['windows.imbalance']).toBe(2);
      const [a] = snap.alerts.filter((x) => x.kind === 'windows.imbalance');
      expect(a).toMatchObject({
        id: 'windows.imbalance:d1',
        severity: 'warning',
        department: 'd1',
        since: at(0, 9, 54).toISOString(),
        items: [22],
      });
      expect(a.message).toEqual({
        zh: '部门1：忙闲不均，1号窗口 10 件，2号窗口仅 0 件',
        en: 'Dept 1: uneven: window 1 did 10, 2 did 0',
      });
      // Three at w2: (10 − 3) × 2 ÷ 13 ≈ 1.08, still out of balance; a fourth: 6 × 2 ÷ 14 ≈ 0.86.
      await post('ib', served(3, 'w2', 's2', at(0, 10)));
      expect((await alerts('ib', 'windows.imbalance', at(0, 10, 20))).map((x) => x.since)).toEqual([at(0, 9, 54).toISOString()]);
      await post('ib', served(1, 'w2', 's2', at(0, 10, 20)));
      expect(await alerts('ib', 'windows.imbalance', at(0, 10, 30))).toEqual([]);
      // A stricter site threshold brings it back, dated from when it has stood above that one.
      expect((await api('PATCH', '/sites/ib/settings', { windowImbalanceMax: 0.5 })).status).toBe(200);
      expect((await alerts('ib', 'windows.imbalance', at(0, 10, 30))).map((x) => x.since)).toEqual([at(0, 9, 54).toISOString()]);
    });
  });
});
