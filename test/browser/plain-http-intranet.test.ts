import { Browser } from 'playwright-core';
import { displayTokenOn, makeUserOn, PASSWORD } from '../support/accounts';
import { launchBrowser, submitLogin, waitForText } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { WALL_VIEWPORT } from '../support/wall-page';

jest.setTimeout(60_000);

/**
 * A hall's intranet serves Hallwatch over plain HTTP under a name that is not localhost (a wall
 * TV opens http://<server>:<port>/wall). Chromium resolves the test's name to this machine, so
 * the page is exactly what such a TV gets: no https, no localhost exemption.
 */
describe('plain-HTTP intranet deployment in a real browser', () => {
  const HOST = 'wall.hall.test';
  let h: BrowserHarness;
  let browser: Browser;
  let token: string;
  let origin: string;

  beforeAll(async () => {
    h = await startBrowserHarness(async (ds) => {
      await makeSite(ds, 'intra');
      await makeUserOn(ds, 'intra-leader', 'leader', ['intra']);
    });
    token = await displayTokenOn(h.ds, 'intra');
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1, MAP evil.example 127.0.0.1`]);
    origin = `http://${HOST}:${h.server.port}`;
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('loads the wall with its scripts over http from a non-localhost name', async () => {
    const page = await browser.newPage({ viewport: WALL_VIEWPORT });
    const scripts: string[] = [];
    const failed: string[] = [];
    page.on('requestfinished', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(`${origin}/wall?site=intra&token=${token}`);
    await waitForText(page, 'queue.waiting', '0', 15_000);
    expect(failed).toEqual([]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((u) => u.startsWith(`${origin}/`))).toBe(true);
    expect(await page.textContent('body')).toContain('当前等候');
    await page.close();
  });

  it('after sign-in, a next with a tab or line break that browsers would read as //host stays on this origin', async () => {
    for (const next of ['%2F%09%2Fevil.example%2F', '%2F%0A%2Fevil.example%2F', '%2F%0D%2Fevil.example%2F']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/login?next=${next}`);
      await submitLogin(page, 'intra-leader', PASSWORD);
      // An unsafe next is dropped: the leader lands on the leader's own page, on this origin.
      await page.waitForURL((url) => url.pathname === '/trends', { timeout: 10_000 });
      expect(new URL(page.url()).origin).toBe(origin);
      await context.close();
    }
  });
});
