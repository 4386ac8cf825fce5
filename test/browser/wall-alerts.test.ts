import { FollowUpListView } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { displayTokenOn } from '../support/accounts';
import { adminApi } from '../support/admin-api';
import { SCREENSHOTS } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev } from '../support/factories';
import { postEvents } from '../support/http';
import { postAll } from '../support/wall-hall';
import { alertMorningEvents, AlertMorning, lastWeekdayMorningAt, seedQuietHours } from '../support/wall-alerts';
import { openLiveWall } from '../support/wall-page';

jest.setTimeout(120_000);

const ADMIN_TOKEN = 'wall-alerts-admin-token-0123456789';

// The alerts the hall was promised, on the wall at 1920×1080 with the server's and the page's
// clocks at 10:30 on a weekday: each appears with its rectification items and leaves the wall
// when its cause ends — someone signs in at the 掌上办 zone, the 差评 are called back, the queue
// is called, the idle windows catch up.
describe('the hall’s own alerts on the wall (大屏)', () => {
  const now = lastWeekdayMorningAt();
  let h: BrowserHarness;
  let key: string;
  let token: string;
  let morning: AlertMorning;
  let admin: ReturnType<typeof adminApi>;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness(seedDemo, { ADMIN_TOKEN, FIXED_CLOCK: now.toISOString() });
    key = await deviceKeyOn(h.ds, 'huiji', 'wall alerts');
    token = await displayTokenOn(h.ds, 'huiji');
    admin = adminApi(h.server.url, ADMIN_TOKEN);
    // The trial's hall: open from 08:56, so that at 10:30 the 掌上办 zone has stood empty for 94 minutes.
    const res = await admin('PATCH', '/sites/huiji/settings', { hours: { opens: '08:56', closes: '17:30', weekdays: [1, 2, 3, 4, 5] } });
    expect(res.status).toBe(200);
    await seedQuietHours(h.ds, 'huiji', now.getTime());
    morning = alertMorningEvents(now.getTime());
    await postAll(h.server.url, key, morning.events);
  });
  afterAll(() => h?.close());

  const row = (id: string) => `[data-testid="alert"][data-alert-id="${id}"]`;
  /** An alert's line as the wall shows it: time, severity, place, message and items, space-separated. */
  const lineOf = (p: Page, id: string) =>
    p.$eval(row(id), (r) =>
      ['.alert__time', '.alert__sev', '.alert__where', '.alert__msg', '.alert__items']
        .map((sel) => r.querySelector(sel)?.textContent ?? '')
        .filter((x) => x !== '')
        .join(' '),
    );
  const rowText = (id: string) => lineOf(page, id);
  const gone = (id: string) => page.waitForSelector(row(id), { state: 'detached', timeout: 10_000 });
  const post = async (events: Array<ReturnType<typeof ev>>) => {
    const res = await postEvents(h.server.url, key, { events });
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
  };
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);

  const ZONE = 'window.unattended:ZS1';
  const REVIEW = () => `review.bad:${morning.badReviews[2]}`;
  const SURGE = 'surge.risk:mz';
  const IMBALANCE = 'windows.imbalance:mz';

  it('shows each with where, since when and its items, in Chinese and in English', async () => {
    page = await openLiveWall(h.browser, `${h.server.url}/wall?site=huiji&token=${token}`, { clock: now });
    for (const id of [ZONE, REVIEW(), SURGE, IMBALANCE]) await page.waitForSelector(row(id), { timeout: 10_000 });
    expect(await rowText(ZONE)).toBe('08:56 ✖ 综合窗口 86号窗口（掌上办）无人值守 94 分钟 #47');
    expect(await rowText(REVIEW())).toBe('10:25 ▲ 民政局（婚姻登记） 36号窗口 彭玉 差评 1 星，3 件待回访 #8 #17');
    expect(await rowText(SURGE)).toBe('10:28 ▲ 民政局（婚姻登记） 等候 9 人，远高于该时段常态 1 人 #26');
    expect(await rowText(IMBALANCE)).toMatch(/^\d\d:\d\d ▲ 民政局（婚姻登记） 忙闲不均，35号窗口 20 件，36号窗口仅 2 件 #22$/);
    await page.waitForTimeout(1500); // past the slide-in of the first alerts
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-alerts-zh.png') });

    const en = await openLiveWall(h.browser, `${h.server.url}/wall?site=huiji&token=${token}&lang=en`, { clock: now });
    await en.waitForSelector(row(IMBALANCE));
    const enText = (id: string) => lineOf(en, id);
    expect(await enText(ZONE)).toBe('08:56 ✖ General Windows window 86 (self-service) empty 94 min #47');
    expect(await enText(REVIEW())).toBe('10:25 ▲ Civil Affairs (Marriage) 1★ review, window 36, 彭玉 +2 #8 #17');
    expect(await enText(SURGE)).toBe('10:28 ▲ Civil Affairs (Marriage) 9 waiting, usually 1 at this hour #26');
    await en.waitForTimeout(1500);
    await en.screenshot({ path: join(SCREENSHOTS, 'wall-alerts-en.png') });
    await en.close();
  });

  it('clears each when its cause ends', async () => {
    // The 掌上办 zone gets its helper.
    await post([ev('staff.signed_in', { staff: morning.zoneHelper, window: 'ZS1' }, at(0))]);
    await gone(ZONE);
    expect(await page.getAttribute('[data-testid="window-ZS1"]', 'data-state')).toBe('idle');

    // The 差评 are called back, newest first: the line falls back to the older ones, then leaves.
    const cases = (await admin<FollowUpListView>('GET', '/sites/huiji/follow-ups?status=open')).body.cases;
    for (const id of [...morning.badReviews].reverse()) {
      const c = cases.find((x) => x.sourceId === id)!;
      expect((await admin('POST', `/sites/huiji/follow-ups/${c.id}/contact`, { reached: true, note: '已致电说明' })).status).toBe(200);
      await gone(`review.bad:${id}`);
    }
    expect(await page.$('[data-alert-id^="review.bad:"]')).toBeNull();

    // Two of the nine are called: seven waiting is no surge (eight at least).
    await post(morning.surgeTickets.slice(0, 2).map((ticket, i) => ev('ticket.called', { ticket, window: morning.windows[i] }, at(0))));
    await gone(SURGE);

    // The idle window catches up: eight more, 20 against 10 is within one average window's load.
    const more = morning.windows.slice(1).flatMap((window, w) =>
      Array.from({ length: 8 }, (_, k) => {
        const ticket = `RC${window}${k}`;
        const from = 80 - 8 * k - w;
        return [
          ev('ticket.issued', { ticket, department: 'rs', channel: 'walk_in' }, at(from)),
          ev('ticket.called', { ticket, window }, at(from - 1)),
          ev('ticket.completed', { ticket, window, outcome: 'done', staff: morning.staffAt.get(window) }, at(from - 3)),
        ];
      }).flat(),
    );
    await post(more);
    await gone(IMBALANCE);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-alerts-cleared.png') });
    await page.close();
  });
});
