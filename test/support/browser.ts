import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { PASSWORD, signIn } from './accounts';

export { launchBrowser } from './chromium';

/** The browser tests' screenshots: git keeps the folder (so nobody need make it), not the images. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** Signs a browser context in as the login page would: the HttpOnly session cookie of a real sign-in. */
export async function signInContext(context: BrowserContext, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  const session = await signIn(baseUrl, username, password);
  await context.addCookies([{ name: 'hw_session', value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
}

/** Fills in and submits the login page that the page has been sent to. */
export async function submitLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

/** Waits until the element of `data-testid` `testId` reads exactly `text`. */
export async function waitForText(page: Page, testId: string, text: string, timeout: number): Promise<void> {
  await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want, [testId, text], {
    timeout,
  });
}
