import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn, signIn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { postForm, seedReportText } from '../support/rectification-api';

jest.setTimeout(300_000);

const DESKTOP = { width: 1440, height: 900 };
// The morning of the 1st: the page offers the month just ended.
const NOW = new Date('2024-08-01T10:00:00+08:00');
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

// The reports page in a real browser, signed in as a supervisor through the sign-in page: the
// monthly report and the rectification draft generated from the forms' defaults, listed and
// downloaded as .docx; the same page in English.
describe('the office’s documents (/reports) in a real browser', () => {
  let h: BrowserHarness;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    let key = '';
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, 'hj', 2);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务中心', name_en = 'Huiji District Service Centre' WHERE code = 'hj'`);
        key = await deviceKeyOn(ds, 'hj');
        await makeUserOn(ds, 'qian.sup', 'supervisor', ['hj']);
        await makeUserOn(ds, 'li.admin', 'admin', 'all');
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    const events = [5, 12, 20].flatMap((wait, i) => {
      const issued = new Date(at('2024-07-22', '09:00').getTime() + i * 30 * 60_000);
      const called = new Date(issued.getTime() + wait * 60_000);
      return [
        ev('ticket.issued', { ticket: `A${i}`, department: 'd1', channel: 'walk_in' }, issued),
        ev('ticket.called', { ticket: `A${i}`, window: 'w1' }, called),
        ev('ticket.completed', { ticket: `A${i}`, window: 'w1', staff: 's1', outcome: 'done' }, new Date(called.getTime() + 300_000)),
        ev('review.submitted', { rating: 5 - i, channel: 'pad', department: 'd1', ticket: `A${i}` }, new Date(called.getTime() + 360_000)),
      ];
    });
    const res = await postEvents(h.server.url, key, { events });
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    const admin = (await signIn(h.server.url, 'li.admin')).token;
    const imported = await postForm(
      h.server.url,
      '/rectification/import?site=hj',
      admin,
      {},
      { field: 'file', name: 'r.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBeLessThan(300);
  });
  afterAll(() => h?.close());

  it('generates the monthly report and the draft, lists them and downloads one, in Chinese and English', async () => {
    const context = await h.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/reports?site=hj`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, 'qian.sup');
    await page.waitForURL((u) => u.pathname === '/reports');
    expect(await page.textContent('h1')).toContain('报告文档');
    expect(await page.inputValue('[data-testid="rp-month"]')).toBe('2024-07');
    expect(await page.inputValue('[data-testid="rp-from"]')).toBe('2024-07-01');
    expect(await page.inputValue('[data-testid="rp-to"]')).toBe('2024-07-31');

    await page.locator('[data-testid="rp-monthly"]').getByRole('button', { name: '生成' }).click();
    await page.waitForSelector('text=已生成：惠济区政务服务中心2024年7月运行分析报告', { timeout: 60_000 });
    await page.locator('[data-testid="rp-draft"]').getByRole('button', { name: '生成' }).click();
    await page.waitForSelector('text=已生成：关于巡察整改情况的报告（草稿）', { timeout: 60_000 });
    const table = page.locator('[data-testid="rp-table"]');
    await table.locator('text=关于巡察整改情况的报告（草稿）').waitFor();
    expect(await table.textContent()).toContain('2024-07-01 – 2024-07-31');

    const row = table.locator('tr', { hasText: '2024年7月运行分析报告' }).first();
    const [file] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()]);
    expect(file.suggestedFilename()).toBe('惠济区政务服务中心-2024-07-月度运行分析报告.docx');
    await shot(page, 'reports-zh');

    // A month still to come is refused by the server, its words shown.
    await page.fill('[data-testid="rp-month"]', '2024-09');
    await page.locator('[data-testid="rp-monthly"]').getByRole('button', { name: '生成' }).click();
    expect(await page.locator('[data-testid="rp-error"]').textContent()).toContain('未完成');

    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Reports'));
    await page.click('[data-testid="rp-error"] button');
    await shot(page, 'reports-en');
    await context.close();
  });
});
