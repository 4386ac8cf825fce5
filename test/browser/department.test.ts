import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, submitLogin } from '../support/browser';
import { seedTwoDepartments } from '../support/department-hall';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { hall, MONDAY } from '../support/patrol';
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
    // A 12345 work order about the department: its number and the platform's close-by show on its follow-up.
    const order = { source: 'hotline_12345', summary: '反映公积金提取材料反复变化', department: 'd1', workOrder: '2024071500012' };
    const limits = { signBy: '2024-07-16T10:04:00+08:00', closeBy: '2024-07-19T17:30:00+08:00' };
    const posted = await postEvents(t.url, await t.deviceKey(SITE), {
      events: [ev('complaint.received', { ...order, ...limits }, hall(MONDAY, '10:04:00'), 'cp-d1-order')],
    });
    expect(JSON.stringify(posted.body)).toContain('accepted');
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
    expect(await page.locator('[data-testid="dp-follow-ups"] li').count()).toBe(3);
    expect(await page.textContent('[data-testid="dp-case-cp-d1-order"] [data-testid="dp-work-order"]')).toMatch(
      /^12345 工单 2024071500012 · 平台办结时限 .*7.*19.*17:30/,
    );
    expect(await page.locator('[data-testid="dp-work-order"]').count()).toBe(1);
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
    expect(await page.textContent('[data-testid="dp-work-order"]')).toMatch(/^12345 work order 2024071500012 · platform close-by /);
    await shot('department-en');
  });
});
