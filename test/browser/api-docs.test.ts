import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { API_UI_PATH } from '../../server/src/core/openapi/api-document';
import { launchBrowser, SCREENSHOTS } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

// Swagger UI as a vendor opens it: it loads under the server's CSP with no refused script or
// style, and the device events operation shows its request schema.
describe('Swagger UI at /api/docs', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the events operation with its schema, nothing refused by the CSP', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    await page.goto(t.url + API_UI_PATH);
    const events = page.locator('.opblock-post', { hasText: '/api/v1/events' }).first();
    await events.locator('.opblock-summary').click();
    await events.locator('.opblock-section-request-body').waitFor();
    await events.locator('.opblock-section-request-body button', { hasText: 'Schema' }).click();
    const body = events.locator('.opblock-section-request-body');
    await body.locator('.model-box').first().waitFor();
    await body.getByText('Expand all').first().click();
    await body.getByText('occurredAt').first().waitFor();
    await body.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'api-docs-events.png') });
    expect(await body.innerText()).toMatch(/ticket\.issued/);
    expect(refused.filter((m) => /Content Security Policy|Refused/i.test(m))).toEqual([]);
  });
});
