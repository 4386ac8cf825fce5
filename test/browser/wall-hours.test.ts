import { join } from 'node:path';
import { Page } from 'playwright-core';
import { displayTokenOn } from '../support/accounts';
import { adminApi } from '../support/admin-api';
import { SCREENSHOTS } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite, servedTicket } from '../support/factories';
import { HALL_OFFSET_MS, localDay, localMidnight, spanStartToday } from '../support/hall-day';
import { postEvents } from '../support/http';
import { openLiveWall } from '../support/wall-page';

jest.setTimeout(90_000);

const ADMIN_TOKEN = 'wall-hours-admin-token';

// The same quiet hall (its morning done, nobody waiting, every window signed out) read against
// the site's opening hours: outside them it is a closed hall with the day's summary, inside
// them an open hall with its live figures. Nothing else changes between the two.
describe('wall (大屏) and the site opening hours, in a real browser', () => {
  let h: BrowserHarness;
  let token: string;
  let admin: ReturnType<typeof adminApi>;
  const now = Date.now();
  const today = new Date(now + HALL_OFFSET_MS).getUTCDay();
  // The page reads the clock a few minutes before the hall's midnight at the latest, so that
  // "all day" below holds whenever the test runs; the server keeps the real time.
  const pageClock = new Date(Math.min(now, localMidnight(localDay(now)) + (23 * 60 + 57) * 60_000));

  beforeAll(async () => {
    h = await startBrowserHarness((ds) => makeSite(ds, 'hrs'), { ADMIN_TOKEN });
    const deviceKey = await deviceKeyOn(h.ds, 'hrs', 'wall hours');
    token = await displayTokenOn(h.ds, 'hrs');
    admin = adminApi(h.server.url, ADMIN_TOKEN);
    // Earlier today: three tickets served at w1, then its staff signed out.
    const start = spanStartToday(now, 120_000);
    const at = (k: number) => new Date(start + k * 5000);
    const events = [ev('staff.signed_in', { staff: 's1', window: 'w1' }, at(0))];
    for (let i = 0; i < 3; i++) events.push(...servedTicket(`H${i}`, [at(1 + i * 3), at(2 + i * 3), at(3 + i * 3)]));
    events.push(ev('staff.signed_out', { staff: 's1', window: 'w1' }, at(11)));
    const res = await postEvents(h.server.url, deviceKey, { events });
    expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
  });

  afterAll(() => h?.close());

  const wall = (): Promise<Page> =>
    openLiveWall(h.browser, `${h.server.url}/wall?site=hrs&token=${token}`, { clock: pageClock, timeout: 15_000 });

  it('shows the closed hall with the day and its hours when today is not an opening day', async () => {
    const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today);
    const res = await admin('PATCH', '/sites/hrs/settings', { hours: { opens: '08:30', closes: '17:30', weekdays } });
    expect(res.status).toBe(200);
    const page = await wall();
    expect(await page.getAttribute('[data-testid="wall"]', 'data-mode')).toBe('closed');
    expect(await page.textContent('[data-testid="hall-closed"]')).toContain('大厅已闭厅');
    expect(await page.textContent('[data-testid="hall-hours"]')).toMatch(/^开放时间 .+ 08:30–17:30$/);
    expect(await page.textContent('[data-testid="queue.served"]')).toBe('3');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-hours-closed.png') });
    await page.close();
  });

  it('shows the same quiet hall open, with its live figures, once its hours cover now', async () => {
    const all = [0, 1, 2, 3, 4, 5, 6];
    const res = await admin('PATCH', '/sites/hrs/settings', { hours: { opens: '00:00', closes: '23:59', weekdays: all } });
    expect(res.status).toBe(200);
    const page = await wall();
    expect(await page.getAttribute('[data-testid="wall"]', 'data-mode')).toBe('open');
    expect(await page.$('[data-testid="hall-closed"]')).toBeNull();
    expect(await page.textContent('[data-testid="queue.served"]')).toBe('3');
    expect(await page.textContent('[data-testid="queue.waiting"]')).toBe('0');
    expect(await page.locator('[data-testid^="window-"]').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-hours-open.png') });
    await page.close();
  });
});
