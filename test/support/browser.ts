import { Browser, BrowserContext, chromium } from 'playwright-core';
import { PASSWORD, signIn } from './accounts';

// Debian's Chromium, never a downloaded browser; background networking off because this
// machine's network is closed.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Signs a browser context in as the login page would: the HttpOnly session cookie of a real sign-in. */
export async function signInContext(context: BrowserContext, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  const session = await signIn(baseUrl, username, password);
  await context.addCookies([{ name: 'hw_session', value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
}
