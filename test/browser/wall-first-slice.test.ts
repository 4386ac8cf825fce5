import { join } from 'node:path';
import { displayTokenOn, makeUserOn } from '../support/accounts';
import { SCREENSHOTS, signInContext, waitForText } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { WALL_VIEWPORT } from '../support/wall-page';

jest.setTimeout(60_000);

describe('wall: first slice in a real browser', () => {
  let h: BrowserHarness;
  let key: string;
  let token: string;

  beforeAll(async () => {
    h = await startBrowserHarness(async (ds) => {
      await makeSite(ds, 'wall1');
      await makeUserOn(ds, 'wall-sup', 'supervisor', ['wall1']);
    });
    key = await deviceKeyOn(h.ds, 'wall1');
    token = await displayTokenOn(h.ds, 'wall1');
  });

  afterAll(() => h?.close());

  it('shows queue.waiting in Chinese and changes it within a second of an accepted event', async () => {
    const page = await h.browser.newPage({ viewport: WALL_VIEWPORT });
    await page.goto(`${h.server.url}/wall?site=wall1&token=${token}`);
    await waitForText(page, 'queue.waiting', '0', 10_000);
    expect(await page.textContent('body')).toContain('当前等候');
    // This site has no patrol schedule: the wall says so instead of showing round times nobody will walk.
    expect(await page.getByTestId('rounds-none').textContent()).toBe('今日无巡查安排');
    expect(await page.locator('[data-testid^="round-"]').count()).toBe(0);

    const res = await postEvents(h.server.url, key, ev('ticket.issued', { ticket: 'B001', department: 'd1', channel: 'walk_in' }));
    expect(res.body.results[0].status).toBe('accepted');
    await waitForText(page, 'queue.waiting', '1', 5_000);
    expect(await page.getByTestId('queue.waiting').textContent()).toBe('1');
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-first-slice.png') });
  });

  it('without a display token or a session, says so and links to the sign-in page; signed in, it shows the hall', async () => {
    const context = await h.browser.newContext({ viewport: WALL_VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/wall?site=wall1`);
    const notice = page.getByTestId('wall-sign-in');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('此大屏未获授权');
    expect(await notice.locator('a').getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/wall?site=wall1')}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-not-authorised.png') });

    await signInContext(context, h.server.url, 'wall-sup');
    await page.reload();
    await waitForText(page, 'queue.waiting', '1', 10_000);
    expect(await page.$('[data-testid="wall-sign-in"]')).toBeNull();
    await context.close();
  });
});
