import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, submitLogin } from '../support/browser';
import { seedTwoDepartments } from '../support/department-hall';
import { makeSite } from '../support/factories';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ADMIN = 'browser-admin-token-department';
const SITE = 'depb';

// A department account signs in on the login page and lands on its own tasks (/department),
// in Chinese first and in English on the switch; nothing of the other department shows.
describe('the department page (/department) in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE departments SET name = '公积金中心', name_en = 'Housing Fund Centre' WHERE code = 'd1'`);
    await makeUser(t, 'gjj.depb', 'department', { site: SITE, department: 'd1' });
    await seedTwoDepartments(t, SITE, ADMIN);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lands there after sign-in and lists its own notice, follow-ups, finding and points, in Chinese', async () => {
    await page.goto(`${t.url}/login`);
    await submitLogin(page, 'gjj.depb');
    await page.waitForURL((u) => u.pathname === '/department' && u.search === `?site=${SITE}`);
    await page.waitForSelector('[data-testid="dp-notices"] li');
    expect(await page.textContent('h1')).toContain('进驻部门待办');
    expect(await page.textContent('h1')).toContain('公积金中心');
    expect(await page.textContent('[data-testid="dp-notices"]')).toContain('急救药箱过期');
    expect(await page.locator('[data-testid="dp-follow-ups"] li').count()).toBe(2);
    expect(await page.textContent('[data-testid="dp-follow-ups"]')).toContain('待首次联系');
    expect(await page.textContent('[data-testid="dp-month"]')).toContain('扣 3 分');
    expect(await page.textContent('body')).not.toContain('二号部门');
    await shot('department-zh');
  });

  it('switches to English', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Department tasks'));
    expect(await page.textContent('h1')).toContain('Housing Fund Centre');
    expect(await page.textContent('[data-testid="dp-month"]')).toContain('3 point(s) lost');
    await shot('department-en');
  });
});
