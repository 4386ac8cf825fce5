import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, signInContext } from '../support/browser';
import { makeSite } from '../support/factories';
import { call, checkpointCodes, hall, MONDAY, waitFor } from '../support/patrol';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN = 'browser-admin-token-patrol-offline';
const PATROLLER = 'li.patrol';
const SITE = 'patoff';
/** The phone the brief names: 390×844, touch, Chinese. */
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** The URLs the page's service worker keeps, by cache. */
async function kept(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      out[name] = keys.map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

// A patroller opens the page once with the network, loses it, and reloads: the service worker
// opens the page from its kept files and shows the round from its last answer, marked as
// offline data of its time. A check recorded offline waits on the phone and reaches the server
// when the network returns. Nothing else of the server's is kept, and the office's pages are
// not under the worker.

describe('patrol page reloaded offline', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let codes: Record<string, string>;
  const checks = async (): Promise<number> =>
    (
      await t.ds.query(
        `SELECT count(*)::int AS n FROM patrol_checks WHERE site_id = (SELECT id FROM sites WHERE code = $1) AND result = 'ok'`,
        [SITE],
      )
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    const site = await makeSite(t.ds, SITE);
    await makeUser(t, PATROLLER, 'patrol', [SITE]);
    t.clock.setNow(hall(MONDAY, '08:58:00'));
    expect((await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true })).status).toBe(200);
    t.clock.setNow(hall(MONDAY, '09:04:00'));
    await t.app.get(PatrolSync).syncSite(site);
    codes = await checkpointCodes(t.url, SITE, ADMIN);
    browser = await launchBrowser();
    context = await browser.newContext(PHONE);
    // The phone's clock is the server's, so that the check it records offline falls in the round.
    await context.clock.setFixedTime(hall(MONDAY, '09:05:00'));
    await signInContext(context, t.url, PATROLLER);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served its worker with no caching and the hall CSP', async () => {
    const res = await fetch(`${t.url}/patrol-sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('opens, shows the round and takes a check with no network, and the check reaches the server later', async () => {
    await page.goto(`${t.url}/patrol?site=${SITE}`);
    await page.getByTestId('round-1').waitFor();
    // The first load installs the worker; the next asks for today's rounds through it.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await page.reload();
    await page.getByTestId('round-1').waitFor();
    await waitFor(
      () => kept(page),
      (k) => Object.values(k).some((urls) => urls.some((u) => u.endsWith('/today'))),
      10_000,
      "today's rounds kept",
    );

    // Kept: the page's own files and today's rounds, nothing else the server said (who is signed in, sites, …).
    const caches = await kept(page);
    const api = Object.values(caches)
      .flat()
      .filter((u) => u.startsWith('/api/'));
    expect(api).toEqual([`/api/v1/patrol/sites/${SITE}/today`]);
    const files = Object.values(caches).flat();
    expect(files).toContain('/index.html');
    expect(files.some((u) => /^\/assets\/PatrolPage-.*\.js$/.test(u))).toBe(true);
    // The leaders' charts and the wall are not carried on a patrol phone.
    expect(files.some((u) => /TrendsPage|WallPage/.test(u))).toBe(false);

    await context.setOffline(true);
    // The phone's own stored copy is removed, so the round shown can only be the worker's answer.
    await page.evaluate((site) => localStorage.removeItem(`hallwatch.patrol.today.${site}`), SITE);
    await page.reload();
    const round1 = page.getByTestId('round-1');
    await round1.waitFor({ timeout: 15_000 });
    expect(await page.textContent('h1')).toBe('督查巡查');
    expect(await page.getByTestId('offline-copy').textContent()).toBe('离线中 · 数据截至 09:04');
    expect(await page.getByTestId('sync-state').textContent()).toBe('离线 · 无待发送');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-offline.png') });

    await round1.getByRole('button', { name: '开始巡查' }).click();
    await page.getByTestId('checklist').waitFor();
    const first = (await page.$$eval('[data-testid^="cp-"]', (els) => els.map((e) => e.getAttribute('data-testid')!.slice(3))))[0];
    await page.getByTestId(`code-${first}`).fill(codes[first].toLowerCase());
    await page.getByTestId(`ok-${first}`).click();
    await waitFor(
      () => page.getByTestId('sync-state').getAttribute('data-pending'),
      (n) => Number(n) >= 2,
      5000,
      'start and check queued',
    );
    expect(await page.getByTestId('sync-state').textContent()).toMatch(/^离线 · \d+ 条待发送$/);
    expect(await checks()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-offline-check.png') });

    await page.getByTestId('language').click();
    expect(await page.getByTestId('offline-copy').textContent()).toBe('Offline · data from 09:04');
    await page.screenshot({ path: join(SCREENSHOTS, 'patrol-offline-en.png') });
    await page.getByTestId('language').click();

    await context.setOffline(false);
    await waitFor(
      () => page.getByTestId('sync-state').getAttribute('data-pending'),
      (n) => n === '0',
      20_000,
      'outbox drained',
    );
    await waitFor(checks, (n) => n === 1, 10_000, 'the check stored');
    // Back online, the page reads the server's answer again and says no more that it is offline.
    await page.getByTestId('offline-copy').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it("leaves the office's pages outside the worker", async () => {
    const desk = await context.newPage();
    await desk.goto(`${t.url}/desk?site=${SITE}`);
    await desk.getByTestId('not-permitted').waitFor();
    expect(await desk.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    await desk.close();
  });

  const keptToday = async () =>
    Object.values(await kept(page))
      .flat()
      .filter((u) => u.endsWith('/today'));

  it('forgets the kept rounds when the session is over: the next account on the phone never sees them', async () => {
    expect(await keptToday()).toHaveLength(1);
    await context.clearCookies();
    await page.reload();
    await page.waitForURL(/\/login\?next=/);
    expect(await keptToday()).toEqual([]);
  });

  it('forgets the kept rounds on sign-out', async () => {
    await signInContext(context, t.url, PATROLLER);
    await page.goto(`${t.url}/patrol?site=${SITE}`);
    await page.getByTestId('round-1').waitFor();
    await waitFor(keptToday, (k) => k.length === 1, 10_000, "today's rounds kept again");
    // On a phone the header's tools sit behind the menu button.
    await page.getByTestId('menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/);
    expect(await keptToday()).toEqual([]);
  });
});
