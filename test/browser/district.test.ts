import { HallEvent } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { hallDayOf, hallDayStartMs, parseHallClock } from '../../server/src/modules/demo/hall-day-profile';
import { HallSimulation } from '../../server/src/modules/demo/hall-simulation';
import { hashSeed } from '../../server/src/modules/demo/seeded-random';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { ensureDemoTiers } from '../../server/src/modules/demo/seed-tiers';
import { eventsFrom } from '../../server/src/modules/demo/simulator-runner';
import { dayFactor, tierLayout } from '../../server/src/modules/demo/tier-layout';
import { call, displayTokenOn, makeUserOn, signIn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn } from '../support/factories';
import { postEvents } from '../support/http';
import { testNow } from '../support/test-clock';

jest.setTimeout(300_000);

const LEADER = 'ds-leader';
// The district at 11:00 of the day before the test's (devices may not send from the future):
// the server and the page both read that moment, so the test holds on any date and hour.
const DAY = hallDayOf(testNow().getTime() - 24 * 3600_000);
const at = (hhmm: string) => new Date(hallDayStartMs(DAY) + parseHallClock(hhmm) * 1000);
const NOW = at('11:00');
// Two stations whose devices fell silent: one never sent today, one stopped at 09:30.
const NEVER = 'huiji-t3-v4';
const STOPPED = 'huiji-t5';

/** What each site's devices sent by 11:00 (the morning since 10:00, with what it needs to make sense). */
function morningOf(code: string): HallEvent[] {
  const tier = code === 'huiji' ? null : code.includes('-v') ? 'village' : 'town';
  const layout = tier ? tierLayout(code, tier) : null;
  const sim = new HallSimulation({
    day: DAY,
    // Each site its own day, as the demo's simulator plays them.
    seed: hashSeed(3, code),
    mode: 'live',
    ...(layout
      ? {
          layout,
          ticketsPerDay: Math.round(layout.ticketsPerDay * dayFactor(code, DAY)),
          complaintsPerDay: layout.complaintsPerDay,
          outings: false,
        }
      : {}),
  });
  const until = code === STOPPED ? at('09:30') : NOW;
  return eventsFrom(sim.advanceTo(until), at('10:00').getTime());
}

describe('the district overview (/district) in a real browser', () => {
  let h: BrowserHarness;
  let codes: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await seedDemo(ds);
        await ensureDemoTiers(ds);
        await makeUserOn(ds, LEADER, 'leader', ['huiji']);
        codes = (await ds.query<Array<{ code: string }>>(`SELECT code FROM sites ORDER BY code`)).map((r) => r.code);
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    for (const code of codes) {
      if (code === NEVER) continue;
      const key = await deviceKeyOn(h.ds, code);
      const events = morningOf(code);
      for (let i = 0; i < events.length; i += 500) {
        const res = await postEvents(h.server.url, key, { events: events.slice(i, i + 500) });
        expect({ code, status: res.status, rejected: res.body.results.filter((r) => r.status === 'rejected') }).toEqual({
          code,
          status: 200,
          rejected: [],
        });
      }
    }
  });
  afterAll(() => h?.close());

  async function open(page: Page): Promise<void> {
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/district`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, LEADER);
    await page.waitForURL((u) => u.pathname === '/district');
    // The first read summarises 101 sites from cold on a shared machine: a generous wait, not a timing.
    await page.waitForFunction(() => document.querySelector('.ds-page')?.getAttribute('data-loading') === 'no', null, {
      timeout: 120_000,
    });
  }

  const toneOf = (page: Page, site: string) => page.getAttribute(`.ds-card[data-site="${site}"]`, 'data-tone');

  it('shows a leader every site, grouped by town, silent stations marked, what needs attention first', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await open(page);
    expect(await page.textContent('h1')).toContain('全区站点一览');
    expect(await page.locator('.ds-card').count()).toBe(101);
    expect(await page.locator('.ds-town').count()).toBe(8);
    // Silence in opening hours is never calm.
    expect(await toneOf(page, NEVER)).toBe('stale');
    expect(await page.textContent(`.ds-card[data-site="${NEVER}"] .ds-card__chip`)).toBe('今日无数据');
    expect(await toneOf(page, STOPPED)).toBe('stale');
    expect(await page.textContent(`.ds-card[data-site="${STOPPED}"] .ds-card__chip`)).toBe('90 分钟无数据');
    expect(await page.locator('.ds-card[data-tone="stale"]').count()).toBe(2);
    // Their towns come first, each town's own card leading its group.
    const towns = await page.$$eval('.ds-town', (els) => els.map((e) => e.getAttribute('data-town')));
    expect(towns.slice(0, 2).sort()).toEqual(['huiji-t3', 'huiji-t5']);
    expect(await page.getAttribute('[data-town="huiji-t3"] .ds-card >> nth=0', 'data-site')).toBe('huiji-t3');
    expect(await page.getAttribute('[data-town="huiji-t3"] .ds-card >> nth=1', 'data-site')).toBe(NEVER);
    // Each site opens its own wall.
    expect(await page.getAttribute(`.ds-card[data-site="${NEVER}"]`, 'href')).toBe(`/wall?site=${NEVER}`);
    expect(await page.textContent('[data-testid="ds-counts"]')).toContain('2 无数据');
    await page.screenshot({ path: join(SCREENSHOTS, 'district-1920.png') });

    // The silent station comes back: its card changes over the page's one subscription, without a reload.
    expect(await page.textContent('[data-testid="ds-link"]')).toContain('实时');
    const layout = tierLayout(NEVER, 'village');
    const back = [
      {
        id: 'back-1',
        type: 'staff.signed_in',
        occurredAt: at('10:59').toISOString(),
        data: { staff: layout.staff[0].code, window: layout.windows[0].code },
      },
    ];
    expect((await postEvents(h.server.url, await deviceKeyOn(h.ds, NEVER), { events: back })).status).toBe(200);
    await page.waitForFunction(
      (site) => document.querySelector(`.ds-card[data-site="${site}"]`)?.getAttribute('data-tone') !== 'stale',
      NEVER,
    );
    expect(await page.locator('.ds-card[data-tone="stale"]').count()).toBe(1);
    await page.close();
  });

  it('puts the district on the district hall’s wall at 1920×1080 for its display token, and in the rotation once an admin turns it on', async () => {
    const token = await displayTokenOn(h.ds, 'huiji');
    const page = await h.browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/wall?site=huiji&token=${token}&page=district`);
    await page.waitForSelector('[data-testid="wall-district"]');
    const wall = page.getByTestId('wall-district');
    expect(await wall.locator('[data-site]').count()).toBe(101);
    expect(await wall.locator('[data-town]').count()).toBe(8);
    // Silence in opening hours is marked in words as well as its hatching, and comes first.
    expect(await page.getAttribute(`.dw-site[data-site="${STOPPED}"]`, 'data-tone')).toBe('stale');
    expect(await page.textContent(`.dw-site[data-site="${STOPPED}"] .dw-site__state`)).toBe('90′无数据');
    expect(await page.getAttribute('[data-town] >> nth=0', 'data-town')).toMatch(/^huiji-t[35]$/);
    // A TV: nothing scrolls, no text under 20 px, no site's line runs out of its town's box.
    const fit = await page.evaluate(() => {
      const sites = [...document.querySelectorAll<HTMLElement>('.dw-site')];
      const sizes = sites.map((e) => parseFloat(getComputedStyle(e).fontSize));
      const out = sites.filter((e) => {
        const box = (e.closest('.dw-town') ?? e.closest('.dw-head'))!.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return r.bottom > box.bottom + 1 || r.right > box.right + 1;
      });
      return {
        scroll: document.documentElement.scrollHeight - innerHeight,
        smallest: Math.min(...sizes),
        out: out.map((e) => e.dataset.site),
      };
    });
    expect(fit).toEqual({ scroll: 0, smallest: expect.any(Number), out: [] });
    expect(fit.smallest).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-district-1920.png') });
    await page.click('.top__lang');
    await page.getByText('need action').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-district-1920-en.png') });
    await page.click('.top__lang');

    // Off by default: a rotating wall shows its own three pages; an admin's setting adds the district.
    const admin = 'ds-admin';
    await makeUserOn(h.ds, admin, 'admin', 'all');
    const session = await signIn(h.server.url, admin);
    const patch = await call(h.server.url, 'PATCH', '/api/v1/admin/sites/huiji/settings', {
      token: session.token,
      body: { wallDistrictPage: true },
    });
    expect(patch.body).toMatchObject({ wallDistrictPage: true });
    const bad = await call(h.server.url, 'PATCH', '/api/v1/admin/sites/huiji/settings', {
      token: session.token,
      body: { wallDistrictPage: 'yes' },
    });
    expect({ status: bad.status, field: (bad.body as { field?: string }).field }).toEqual({ status: 400, field: 'wallDistrictPage' });
    await page.goto(`${h.server.url}/wall?site=huiji&token=${token}&rotate=5`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="wall-pages"] li').length > 0);
    const pages = await page.$$eval('[data-testid="wall-pages"] li', (els) => els.map((e) => e.textContent));
    expect(pages[pages.length - 1]).toBe('全区站点');
    await page.close();
  });

  it('reads on an office screen in Chinese and in English', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await open(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'district-zh.png') });
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('District at a glance'));
    expect(await page.textContent(`.ds-card[data-site="${STOPPED}"] .ds-card__chip`)).toBe('Silent 90 min');
    await page.screenshot({ path: join(SCREENSHOTS, 'district-en.png') });
    await page.close();
  });
});
