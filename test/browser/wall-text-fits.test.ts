import { join } from 'node:path';
import { Page } from 'playwright-core';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { displayTokenOn } from '../support/accounts';
import { SCREENSHOTS } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn } from '../support/factories';
import { alertMorningEvents, lastWeekdayMorningAt, seedQuietHours } from '../support/wall-alerts';
import { postAll, wallHallEvents } from '../support/wall-hall';
import { openLiveWall } from '../support/wall-page';

jest.setTimeout(120_000);

// Text the wall cuts with "…" is text nobody reads: a TV has no hover. These are the lines
// that carry a figure, a target or the items an off-target figure bears on.
const MUST_FIT = ['.tile__label', '.tile__status', '.tile__sub', '.queue .panel__head', '.qrow__count', '.qrow__wait', '.alert__text'];

/** Each element of `selectors` whose text is wider than its box, with the text it holds. */
function clipped(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate(
    (sels) =>
      sels.flatMap((sel) =>
        [...document.querySelectorAll(sel)]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${sel}: ${el.textContent} (${el.scrollWidth} > ${el.clientWidth})`),
      ),
    selectors,
  );
}

describe('wall text at 1920×1080: nothing a viewer needs is cut off', () => {
  let h: BrowserHarness;
  let token: string;

  beforeAll(async () => {
    h = await startBrowserHarness(seedDemo);
    const key = await deviceKeyOn(h.ds, 'huiji', 'wall text test');
    token = await displayTokenOn(h.ds, 'huiji');
    // A busy morning: queues over target, a tidal advice, staff away unregistered.
    await postAll(h.server.url, key, wallHallEvents(Date.now()).events);
  });

  afterAll(() => h?.close());

  it.each([
    ['zh', [...MUST_FIT, '.qrow__name']],
    ['en', MUST_FIT],
  ])('in %s, every headline tile, the queue legend and each queue row show their whole text', async (lang, selectors) => {
    const page = await openLiveWall(h.browser, `${h.server.url}/wall?site=huiji&token=${token}&lang=${lang}`);
    // Off-target tiles carry a chip and their items: the case with the most to fit.
    await page.waitForFunction(() => document.querySelectorAll('.tile .chip').length >= 2, null, { timeout: 10_000 });
    await page.waitForSelector('.qrow');
    await page.waitForSelector('.alert__text');
    await page.screenshot({ path: join(SCREENSHOTS, `wall-text-fits-${lang}.png`) });
    expect(await clipped(page, selectors)).toEqual([]);
    // Shortened or not, each line still says where: a department's queue names the department,
    // someone away names the window in the message itself.
    const places = await page.$$eval('[data-testid="alert"]', (rows) =>
      rows.map((r) => ({ id: r.getAttribute('data-alert-id') ?? '', where: r.querySelector('.alert__where')?.textContent ?? '' })),
    );
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) if (!p.id.startsWith('staff.away:')) expect([p.id, p.where.length > 0]).toEqual([p.id, true]);
    await page.close();
  });
});

describe('wall text at 1920×1080: the hall’s own alerts fit their line beside the longest department name', () => {
  // Server and page at 10:30 on a weekday: the 掌上办 zone unattended, 差评 waiting for their
  // callback, a surge and two windows out of balance, all at 民政局（婚姻登记）.
  const now = lastWeekdayMorningAt();
  let h: BrowserHarness;
  let token: string;

  beforeAll(async () => {
    h = await startBrowserHarness(seedDemo, { FIXED_CLOCK: now.toISOString() });
    const key = await deviceKeyOn(h.ds, 'huiji', 'wall text test');
    token = await displayTokenOn(h.ds, 'huiji');
    await seedQuietHours(h.ds, 'huiji', now.getTime());
    await postAll(h.server.url, key, alertMorningEvents(now.getTime()).events);
  });

  afterAll(() => h?.close());

  it.each(['zh', 'en'])('in %s, each of their lines shows whole', async (lang) => {
    const page = await openLiveWall(h.browser, `${h.server.url}/wall?site=huiji&token=${token}&lang=${lang}`, { clock: now });
    const kinds = ['window.unattended', 'review.bad', 'surge.risk', 'windows.imbalance'];
    for (const kind of kinds) await page.waitForSelector(`[data-alert-id^="${kind}:"]`, { timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, `wall-text-fits-alerts-${lang}.png`) });
    expect(await clipped(page, ['.alert__text', '.alert__items'])).toEqual([]);
    await page.close();
  });
});
