import { Browser, Page } from 'playwright-core';

/** The wall's own screen: a 1080p TV. */
export const WALL_VIEWPORT = { width: 1920, height: 1080 };

/** Waits until the wall's top bar says its link to the server is live. */
export async function waitForLiveWall(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="freshness"]')?.getAttribute('data-fresh') === 'live', null, {
    timeout,
  });
}

/** A page on the wall at `url`, once live; `clock` fixes the page's clock only, the server keeps its own. */
export async function openLiveWall(
  browser: Browser,
  url: string,
  opts: { clock?: Date; deviceScaleFactor?: number; timeout?: number } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: WALL_VIEWPORT, deviceScaleFactor: opts.deviceScaleFactor });
  if (opts.clock) await page.clock.setFixedTime(opts.clock);
  await page.goto(url);
  await waitForLiveWall(page, opts.timeout);
  return page;
}
