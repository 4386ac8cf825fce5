import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn, sleep } from '../support/accounts';
import { adminApi } from '../support/admin-api';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite, servedTicket } from '../support/factories';
import { localDay, localMidnight, spanStartToday } from '../support/hall-day';
import { postEvents } from '../support/http';
import { reopenAllItems, SEED_REPORT } from '../support/rectification-api';

jest.setTimeout(90_000);

const TOKEN = 'browser-admin-token-0123';

// The items page in a real browser: it sends a visitor to sign in, imports the seed through
// its upload, and shows statuses, live values against targets, evidence, history and a
// rebound. The server runs in real time, so the rebound is made by closing the day at
// 00:00 (a site setting) and a day of completions with few reviews (item 17).
describe('rectification page in a real browser', () => {
  let h: BrowserHarness;
  let page: Page;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, 'br');
        await makeUserOn(ds, 'br-admin', 'admin', ['br']);
      },
      { ADMIN_TOKEN: TOKEN },
    );
    api = adminApi(h.server.url, TOKEN);
    page = await h.browser.newPage({ viewport: { width: 1680, height: 1050 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(() => h?.close());

  it('sends the visitor to sign in and back, imports the seed through the upload and reports the count check', async () => {
    await page.goto(`${h.server.url}/rectification?site=br`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/rectification?site=br');
    await submitLogin(page, 'br-admin');
    await page.getByText('尚未导入整改报告').waitFor();
    expect(new URL(page.url()).pathname).toBe('/rectification');
    // The hall by its name, not its code.
    expect(await page.locator('h1').textContent()).toContain('测试大厅 br');

    await page.setInputFiles('[data-testid=import-input]', SEED_REPORT);
    const findings = page.getByTestId('import-findings');
    await findings.getByText(/，一致。$/).waitFor();
    const text = (await findings.textContent()) ?? '';
    expect(text).toContain('新增 60 项');
    expect(text).toContain('报告称 60 个问题；找到 59 个编号问题 + 推断 1 项 = 60，一致。');
    expect(text).toContain('第 11 行');
    // The findings show as soon as the import answers; the list is re-read just after.
    await page.getByTestId('item-60').waitFor();
    expect(await page.locator('tr.rect-row').count()).toBe(60);
    // The report states "目前已全部整改" (line 11): the import set the items from it. The rest of
    // this test declares its own items rectified, at times it chooses, so the office takes them back.
    expect(text).toContain('报告第 11 行称“目前已全部整改”');
    await reopenAllItems(h.ds, 'br');
  });

  it('shows statuses, departments, deadlines, live values, evidence and a rebound; screenshot', async () => {
    const patch = (n: number, body: Record<string, unknown>) => api('PATCH', `/rectification/items/${n}?site=br`, body);
    expect((await api('PATCH', '/rectification/settings?site=br', { dayClosesAt: '00:00' })).status).toBe(200);
    await patch(2, { status: 'ongoing', responsibleDepartment: '综合科', deadline: '2024-12-31' });
    await patch(8, { status: 'rectified', responsibleDepartment: '督查监管科' });
    await patch(17, { status: 'rectified', responsibleDepartment: '督查监管科', deadline: '2024-08-31' });
    await patch(22, { responsibleDepartment: '督查监管科', deadline: '2020-01-01' });
    // Not 47: this site records no patrol rounds, so a rectified 47 would rebound here too.
    await patch(47, { responsibleDepartment: '督查监管科', deadline: '2024-06-30' });
    await patch(48, { status: 'rectified', responsibleDepartment: '督查监管科' });
    await api('POST', '/rectification/items/17/evidence?site=br', {
      date: '2024-08-04',
      text: '全市政务服务优化中心平台显示主动评价率99.52%。',
    });
    await api('POST', '/rectification/items/1/evidence?site=br', {
      date: '2024-07-17',
      text: '组织综合科及财务室工作人员进行合同管理专题学习。',
    });

    const key = await deviceKeyOn(h.ds, 'br', 'browser test');
    // Just after midnight the day is too short to hold the 31 steps below: wait until it is not.
    if (Date.now() - localMidnight(localDay(Date.now())) < 5_000) await sleep(5_000);
    const from = spanStartToday(Date.now(), 40 * 60_000);
    const step = Math.floor((Date.now() - 2_000 - from) / 31);
    const at = (k: number) => new Date(from + k * step);
    const events = [];
    for (let i = 0; i < 10; i++) events.push(...servedTicket(`B${i}`, [at(i * 3), at(i * 3 + 1), at(i * 3 + 2)]));
    for (let i = 0; i < 9; i++)
      events.push(ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1', ticket: `B${i}` }, at(30)));
    expect((await postEvents(h.server.url, key, { events })).status).toBe(200);

    await page.reload();
    await page.getByRole('button', { name: '立即回头看' }).click();
    await page.getByText(/回头看完成/).waitFor();
    const row17 = page.getByTestId('item-17');
    await row17.getByTestId('rebound-flag').waitFor();
    expect(await row17.textContent()).toContain('反弹');
    expect(await row17.textContent()).toContain('主动评价率');
    expect(await row17.textContent()).toContain('90%');
    expect(await page.getByTestId('item-48').textContent()).toContain('已整改');
    expect(await page.getByTestId('item-8').textContent()).toContain('未反弹');
    expect(await page.getByTestId('item-2').textContent()).toContain('长期坚持');
    expect(await page.locator('.rect-chip--rebounding').textContent()).toContain('1');

    await page.getByTestId('item-1').click();
    await page.getByTestId('item-2').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'rectification.png') });

    await page.getByTestId('item-1').click();
    await page.getByTestId('item-2').click();
    await row17.click();
    await page.getByText('变更记录').first().waitFor();
    // The row at the top, under the sticky column headings.
    await row17.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90));
    await page.screenshot({ path: join(SCREENSHOTS, 'rectification-item.png') });
    const detail = (await page.locator('.rect-row-detail').textContent()) ?? '';
    expect(detail).toContain('全市政务服务优化中心平台显示主动评价率99.52%。');
    expect(detail).toContain('整改报告第 88 行');
    expect(detail).toContain('回头看');
  });

  it('switches to English and stays signed in across a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Rectification items/ }).waitFor();
    await page.reload();
    await page.getByText('Rebounding ·').first().waitFor();
    expect(await page.getByTestId('item-48').textContent()).toContain('Rectified');
    await page.getByRole('button', { name: '中文' }).click();
  });
});
