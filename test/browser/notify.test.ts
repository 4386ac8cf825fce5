import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, signInContext } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { HttpReceiver } from '../support/notify-receivers';

jest.setTimeout(300_000);

const DESKTOP = { width: 1440, height: 900 };
const DING_SECRET = 'SEC0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff';

// The notification channels page in a real browser, as an admin: a DingTalk robot and a webhook
// added through the form (a refused field said beside it), their secrets shown only as hints, a
// test message answered by each local receiver (one delivered, one refused with 500), and the
// delivery log filtered to the failures; the same screens in English.
describe('notification channels (/notify) in a real browser', () => {
  let h: BrowserHarness;
  let robot: HttpReceiver;
  let down: HttpReceiver;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    robot = await HttpReceiver.start();
    down = await HttpReceiver.start();
    down.always = { status: 500, body: '{"error":"receiver down for maintenance"}' };
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, 'hj', 1);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务中心', name_en = 'Huiji District Service Centre' WHERE code = 'hj'`);
        await makeUserOn(ds, 'sun.admin', 'admin', 'all');
      },
      { NOTIFY_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), NOTIFY_RETRY_BASE_MS: '60000' },
    );
  });
  afterAll(async () => {
    await h?.close();
    await robot?.close();
    await down?.close();
  });

  async function addChannel(page: Page, kind: string, name: string, secrets: Record<string, string>): Promise<void> {
    await page.click('[data-testid="nf-add"]');
    await page.selectOption('[data-testid="nf-kind"]', kind);
    await page.fill('[data-testid="nf-name"]', name);
    for (const [f, v] of Object.entries(secrets)) await page.fill(`[data-testid="nf-secret-${f}"]`, v);
    await page.click('[data-testid="nf-save"]');
    await page.waitForSelector(`[data-testid="nf-channels"] tr:has-text("${name}")`);
  }

  it('adds channels, tests them, and shows the log, in Chinese and English', async () => {
    const context = await h.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    await signInContext(context, h.server.url, 'sun.admin');
    const page = await context.newPage();
    await page.goto(`${h.server.url}/notify?site=hj`);
    await page.waitForSelector('[data-testid="nf-channels"] :text("还没有通知渠道")');
    expect(await page.textContent('h1')).toContain('通知渠道');

    // A refused field is said beside it, in the page's language, and nothing is added.
    await page.click('[data-testid="nf-add"]');
    await page.fill('[data-testid="nf-name"]', '值班群');
    await page.fill('[data-testid="nf-secret-url"]', 'https://oapi.dingtalk.com/robot/send');
    await page.fill('[data-testid="nf-secret-secret"]', DING_SECRET);
    await page.click('[data-testid="nf-save"]');
    await page.waitForSelector('.nf-field-error');
    expect(await page.textContent('.nf-field-error')).toContain('access_token');
    await page.click('text=取消');

    await addChannel(page, 'dingtalk', '督查值班群', { url: `${robot.base}/robot/send?access_token=tok123456789abc`, secret: DING_SECRET });
    await addChannel(page, 'webhook', '工单系统', { url: `${down.base}/hook`, secret: 'webhook-secret-of-enough-length' });
    const html = await page.content();
    expect(html).not.toContain(DING_SECRET);
    expect(html).not.toContain('tok123456789abc');
    expect(html).not.toContain('webhook-secret-of-enough-length');

    const row = (name: string) => page.locator(`[data-testid="nf-channels"] tr:has-text("${name}")`);
    await row('督查值班群').getByRole('button', { name: '发送测试消息' }).click();
    await row('督查值班群').locator('[data-testid="nf-test-result"]').waitFor();
    expect(await row('督查值班群').locator('[data-testid="nf-test-result"]').textContent()).toBe('测试消息已送达（200）');
    expect(robot.hits).toHaveLength(1);
    expect(robot.hits[0].query.get('sign')).toBeTruthy();

    await row('工单系统').getByRole('button', { name: '发送测试消息' }).click();
    await row('工单系统').locator('[data-testid="nf-test-result"]').waitFor();
    expect(await row('工单系统').locator('[data-testid="nf-test-result"]').textContent()).toContain('未送达（500）');
    await page.waitForSelector('[data-testid="nf-log"] tr[data-state="sent"]');
    await page.waitForSelector('[data-testid="nf-log"] tr[data-state="queued"]');
    await shot(page, 'notify-channels-zh');

    await page.selectOption('[data-testid="nf-log-state"]', 'queued');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="nf-log"] tbody tr').length === 1);
    expect(await page.textContent('[data-testid="nf-log"] tbody')).toContain('receiver down for maintenance');
    await page.locator('[data-testid="nf-log"]').screenshot({ path: join(SCREENSHOTS, 'notify-log-zh.png') });

    await page.click('[data-testid="language"]');
    await page.waitForSelector('h1:has-text("Notification channels")');
    await page.selectOption('[data-testid="nf-log-state"]', '');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="nf-log"] tbody tr').length === 2);
    expect(await page.textContent('[data-testid="nf-channels"]')).toContain('DingTalk group robot');
    await row('督查值班群').getByRole('button', { name: 'Edit' }).click();
    expect(await page.getAttribute('[data-testid="nf-secret-secret"]', 'placeholder')).toMatch(/^Saved: ••••/);
    expect(await page.inputValue('[data-testid="nf-secret-secret"]')).toBe('');
    await shot(page, 'notify-channels-en');
    await page.locator('[data-testid="nf-log"]').screenshot({ path: join(SCREENSHOTS, 'notify-log-en.png') });
    await context.close();
  });
});
