import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/device-keys/device-keys.service';
import { displayTokenOn } from '../support/accounts';
import { adminApi } from '../support/admin-api';
import { launchBrowser } from '../support/browser';
import { ev, makeSite } from '../support/factories';
import { localDay, localMidnight } from '../support/hall-day';
import { postEvents } from '../support/http';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-db';

jest.setTimeout(90_000);

const SHOTS = join(__dirname, '..', 'screenshots');
const ADMIN_TOKEN = 'wall-hours-admin-token';
const HALL_OFFSET_MS = 8 * 3600_000;

// The same quiet hall (its morning done, nobody waiting, every window signed out) read against
// the site's opening hours: outside them it is a closed hall with the day's summary, inside
// them an open hall with its live figures. Nothing else changes between the two.
describe('wall (大屏) and the site opening hours, in a real browser', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let server: ServerProcess;
  let browser: Browser;
  let token: string;
  let admin: ReturnType<typeof adminApi>;
  const now = Date.now();
  const today = new Date(now + HALL_OFFSET_MS).getUTCDay();
  // The page reads the clock a few minutes before the hall's midnight at the latest, so that
  // "all day" below holds whenever the test runs; the server keeps the real time.
  const pageClock = new Date(Math.min(now, localMidnight(localDay(now)) + (23 * 60 + 57) * 60_000));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, 'hrs');
    const deviceKey = (await new DeviceKeysService(ds).create('hrs', 'wall hours')).key;
    token = await displayTokenOn(ds, 'hrs');
    server = await startServerProcess(db.url, { ADMIN_TOKEN });
    admin = adminApi(server.url, ADMIN_TOKEN);
    // Earlier today: three tickets served at w1, then its staff signed out.
    const start = Math.max(localMidnight(localDay(now)) + 1000, now - 120_000);
    const at = (k: number) => new Date(start + k * 5000);
    const events = [ev('staff.signed_in', { staff: 's1', window: 'w1' }, at(0))];
    for (let i = 0; i < 3; i++) {
      events.push(ev('ticket.issued', { ticket: `H${i}`, department: 'd1', channel: 'walk_in' }, at(1 + i * 3)));
      events.push(ev('ticket.called', { ticket: `H${i}`, window: 'w1' }, at(2 + i * 3)));
      events.push(ev('ticket.completed', { ticket: `H${i}`, window: 'w1', staff: 's1', outcome: 'done' }, at(3 + i * 3)));
    }
    events.push(ev('staff.signed_out', { staff: 's1', window: 'w1' }, at(11)));
    const res = await postEvents(server.url, deviceKey, { events });
    expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  async function wall(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.clock.setFixedTime(pageClock);
    await page.goto(`${server.url}/wall?site=hrs&token=${token}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="freshness"]')?.getAttribute('data-fresh') === 'live', null, {
      timeout: 15_000,
    });
    return page;
  }

  it('shows the closed hall with the day and its hours when today is not an opening day', async () => {
    const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today);
    const res = await admin('PATCH', '/sites/hrs/settings', { hours: { opens: '08:30', closes: '17:30', weekdays } });
    expect(res.status).toBe(200);
    const page = await wall();
    expect(await page.getAttribute('[data-testid="wall"]', 'data-mode')).toBe('closed');
    expect(await page.textContent('[data-testid="hall-closed"]')).toContain('大厅已闭厅');
    expect(await page.textContent('[data-testid="hall-hours"]')).toMatch(/^开放时间 .+ 08:30–17:30$/);
    expect(await page.textContent('[data-testid="queue.served"]')).toBe('3');
    await page.screenshot({ path: join(SHOTS, 'wall-hours-closed.png') });
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
    await page.screenshot({ path: join(SHOTS, 'wall-hours-open.png') });
    await page.close();
  });
});
