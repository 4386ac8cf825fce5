import { IndicatorSnapshot, IndicatorValues } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Page } from 'playwright-core';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { bearer, displayTokenOn } from '../support/accounts';
import { SCREENSHOTS, waitForText } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, servedTicket } from '../support/factories';
import { localDay, localMidnight, spanStartToday } from '../support/hall-day';
import { getJson, postEvents } from '../support/http';
import { startServerProcess } from '../support/server-process';
import { postAll, wallHallEvents } from '../support/wall-hall';
import { seedGoodRateHistory } from '../support/wall-history';
import { openLiveWall, WALL_VIEWPORT, waitForLiveWall } from '../support/wall-page';

jest.setTimeout(120_000);

// The wall's writing rules, restated independently of the dashboard's code: a count as
// digits, a wait as 分/秒 with two-digit seconds, a ratio as a percentage cut to one decimal.
const count = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const wait = (v: number | null | undefined) => {
  if (v === null || v === undefined) return '—';
  const [m, s] = [Math.floor(v / 60), v % 60];
  return m ? `${m}分${String(s).padStart(2, '0')}秒` : `${s}秒`;
};
const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(Math.floor(v * 1000 + 1e-6) / 10).toFixed(1)}%`;
const HEADLINE: Array<[keyof IndicatorValues & string, (v: number | null | undefined) => string]> = [
  ['queue.waiting', count],
  ['queue.wait.avg', wait],
  ['queue.wait.max', wait],
  ['queue.served', count],
  ['windows.open', count],
  ['windows.serving', count],
  ['windows.idle', count],
  ['staff.on_post', count],
  ['reviews.active_rate', percent],
  ['reviews.good_rate', percent],
  ['patrol.rounds.done', count],
  ['patrol.rounds.due', count],
  ['patrol.findings.open', count],
  ['notices.overdue', count],
];

const shown = (page: Page) =>
  page.evaluate(
    (ids) => Object.fromEntries(ids.map((id) => [id, document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null])),
    HEADLINE.map(([id]) => id),
  );

interface DemoHall extends BrowserHarness {
  key: string;
  /** A display token of the demo hall, as its wall TV carries. */
  token: string;
}

/** The seeded demo hall with a morning of events up to `nowMs`, and a server whose clock reads `fixedClock` if given. */
async function demoHall(nowMs: number, fixedClock?: Date): Promise<DemoHall> {
  const h = await startBrowserHarness(seedDemo, fixedClock ? { FIXED_CLOCK: fixedClock.toISOString() } : {});
  const key = await deviceKeyOn(h.ds, 'huiji', 'wall test');
  const token = await displayTokenOn(h.ds, 'huiji');
  await postAll(h.server.url, key, wallHallEvents(nowMs).events);
  await seedGoodRateHistory(h.ds, 'huiji', nowMs);
  // The same object, not a copy: a test that restarts the server replaces it there for close.
  return Object.assign(h, { key, token });
}

/** 10:30 in the hall on the last weekday before today: a busy morning whatever time the tests run. */
function lastWeekdayMorning(): Date {
  let midnight = localMidnight(localDay(Date.now())) - 86_400_000;
  const weekday = (ms: number) => new Date(ms + 12 * 3600_000).getUTCDay();
  while (weekday(midnight) === 0 || weekday(midnight) === 6) midnight -= 86_400_000;
  return new Date(midnight + 10.5 * 3600_000);
}

describe('wall (大屏) in a real browser, on the seeded demo hall', () => {
  let hall: DemoHall;

  beforeAll(async () => {
    hall = await demoHall(Date.now());
  });

  afterAll(() => hall?.close());

  it('shows at 1920×1080 the same headline figures as GET /indicators, written by the wall rules', async () => {
    const page = await openLiveWall(hall.browser, `${hall.server.url}/wall?site=huiji&token=${hall.token}`);
    expect(await page.getAttribute('[data-testid="wall"]', 'data-mode')).toBe('open');
    // The wall hears changes within a publish interval; compare until both sides agree.
    let expected: Record<string, string> = {};
    let actual: Record<string, string | null> = {};
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const { body } = await getJson<IndicatorSnapshot>(`${hall.server.url}/api/v1/sites/huiji/indicators`, bearer(hall.token));
      expected = Object.fromEntries(HEADLINE.map(([id, f]) => [id, f(body.values[id])]));
      actual = await shown(page);
      if (JSON.stringify(actual) === JSON.stringify(expected)) break;
    }
    expect(actual).toEqual(expected);
    expect(Number(expected['queue.waiting'])).toBeGreaterThan(0);
    expect(await page.locator('[data-testid^="window-"]').count()).toBeGreaterThan(80);
    expect(await page.locator('[data-testid="alert"]').count()).toBeGreaterThan(0);
    expect(await page.textContent('body')).toContain('当前等候');
    const noScroll = await page.evaluate(
      () => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth,
    );
    expect(noScroll).toBe(true);
    await page.close();
  });

  it('shows a window going from serving to away unregistered within seconds', async () => {
    const page = await openLiveWall(hall.browser, `${hall.server.url}/wall?site=huiji&token=${hall.token}`);
    const cell = '[data-testid="window-02"]';
    expect(await page.getAttribute(cell, 'data-state')).toMatch(/serving|idle/);
    const res = await postEvents(hall.server.url, hall.key, ev('staff.left_post', { staff: 'S002', window: '02', reason: 'unregistered' }));
    expect(res.body.results[0].status).toBe('accepted');
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'away_unregistered', cell, {
      timeout: 5_000,
    });
    expect(await page.textContent(cell)).toContain('离'); // the short state word of 擅自离岗
    await page.waitForFunction(() => document.querySelector('[data-alert-id="staff.away:S002"]') !== null, null, { timeout: 5_000 });
    await page.close();
  });

  it('says the hall is closed in the evening and shows the day instead of zeros', async () => {
    // A small hall whose day is over: tickets served, staff signed out.
    const now = Date.now();
    const start = spanStartToday(now, 3 * 3600_000, 60_000);
    const at = (f: number) => new Date(start + (now - 60_000 - start) * f);
    const events = [];
    for (const [i, department] of ['gjj', 'yb', 'bdc', 'sw', 'rs'].entries())
      for (let k = 0; k < 6 - i; k++)
        events.push(
          ...servedTicket(`C${i}${k}`, [at(0.1 + k * 0.1), at(0.12 + k * 0.1), at(0.15 + k * 0.1)], {
            department,
            window: '01',
            staff: 'S001',
          }),
        );
    const closedKey = await deviceKeyOn(hall.ds, 'huiji-t1', 'wall test');
    await hall.ds.query(
      `INSERT INTO departments (site_id, code, name, name_en) SELECT s.id, d.code, d.name, d.name_en FROM sites s, departments d
       WHERE s.code = 'huiji-t1' AND d.site_id = (SELECT id FROM sites WHERE code = 'huiji')`,
    );
    await postAll(hall.server.url, closedKey, events);
    const page = await hall.browser.newPage({ viewport: WALL_VIEWPORT });
    // The page's clock reads 19:30 in the hall, after closing; the server keeps the real time.
    const evening = localMidnight(localDay(now)) + 19.5 * 3600_000;
    await page.clock.setFixedTime(new Date(Math.max(evening, now)));
    await page.goto(`${hall.server.url}/wall?site=huiji-t1&token=${await displayTokenOn(hall.ds, 'huiji-t1')}`);
    await page.waitForSelector('[data-testid="hall-closed"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="hall-closed"]')).toContain('大厅已闭厅');
    expect(await page.textContent('[data-testid="queue.served"]')).toBe('20');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-closed.png') });
    await page.close();
  });

  it('greys under 数据已中断 when the server stops, and recovers by itself when it returns', async () => {
    const page = await openLiveWall(hall.browser, `${hall.server.url}/wall?site=huiji&token=${hall.token}`);
    const port = hall.server.port;
    await hall.server.stop('SIGKILL');
    await page.waitForSelector('[data-testid="stale-banner"]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid="stale-banner"]')).toContain('数据已中断');
    expect(await page.getAttribute('[data-testid="wall"]', 'class')).toContain('wall--stale');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-stale.png') });

    hall.server = await startServerProcess(hall.db.url, {}, port);
    await waitForLiveWall(page, 15_000);
    expect(await page.$('[data-testid="stale-banner"]')).toBeNull();
    // Resynchronised, not merely reconnected: a change made after the restart shows.
    const before = Number(await page.textContent('[data-testid="queue.waiting"]'));
    await postEvents(hall.server.url, hall.key, ev('ticket.issued', { ticket: 'R001', department: 'gjj', channel: 'walk_in' }));
    await waitForText(page, 'queue.waiting', String(before + 1), 5_000);
    await page.close();
  });
});

describe('wall screenshots of a weekday morning (server and page clocks at 10:30)', () => {
  const at = lastWeekdayMorning();
  let hall: DemoHall;

  beforeAll(async () => {
    hall = await demoHall(at.getTime(), at);
  });
  afterAll(() => hall?.close());

  const wallAt = (url: string, opts: { deviceScaleFactor?: number } = {}): Promise<Page> =>
    openLiveWall(hall.browser, `${hall.server.url}${url}${url.includes('token=') ? '' : `&token=${hall.token}`}`, { clock: at, ...opts });

  it('at 1920×1080 and at 3840×2160', async () => {
    const page = await wallAt('/wall?site=huiji');
    expect(await page.getAttribute('[data-testid="wall"]', 'data-mode')).toBe('open');
    expect(await page.textContent('[data-testid="clock"]')).toBe('10:30:00');
    await page.waitForTimeout(1500); // past the one-shot pulses of the first updates
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-1920x1080.png') });
    await page.close();
    const uhd = await wallAt('/wall?site=huiji', { deviceScaleFactor: 2 });
    await uhd.waitForTimeout(1500);
    await uhd.screenshot({ path: join(SCREENSHOTS, 'wall-3840x2160.png') });
    await uhd.close();
  });

  it('rotates between overview, windows and alerts pages with ?rotate=', async () => {
    // A real display token, as an unattended TV would carry it.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(__dirname, '../../server/dist/cli/main.js'), 'display-token', 'create', '--site', 'huiji'],
      {
        env: { ...process.env, DATABASE_URL: hall.db.url },
      },
    );
    const token = /token=(\S+)/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    const page = await wallAt(`/wall?site=huiji&rotate=5&token=${token}`);
    const pageIs = (name: string) =>
      page.waitForFunction((n) => document.querySelector('[data-testid="wall"]')?.getAttribute('data-page') === n, name, {
        timeout: 8_000,
      });
    await pageIs('overview');
    await pageIs('windows');
    await page.waitForTimeout(700); // past a state change's one-shot flash
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-page-windows.png') });
    await pageIs('alerts');
    await page.waitForTimeout(700); // past a new alert's slide-in
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-page-alerts.png') });
    await page.close();
  });

  it('switches to English', async () => {
    const page = await wallAt('/wall?site=huiji&lang=en');
    expect(await page.textContent('body')).toContain('Waiting');
    expect(await page.textContent('body')).toContain('Queues');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-english.png') });
    await page.close();
  });
});
