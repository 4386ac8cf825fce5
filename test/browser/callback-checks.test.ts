import type { FollowUpCaseView, FollowUpListView } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { call, makeUserOn, signIn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { testNow } from '../support/test-clock';

jest.setTimeout(180_000);

const TOKEN = 'callback-browser-admin-token-0123';
const SITE = 'cbr';
const SCREEN = { width: 1440, height: 900 };

// 回访核实 in a real browser: a supervisor who did not handle the cases reveals a citizen's number,
// records "nobody contacted me", and sees the case reopened and the figures move. The server and
// the page read one moment (test/support/test-clock.ts), so it holds on any day and hour.
describe('the callbacks-verified page (/callback-checks) in a real browser', () => {
  let h: BrowserHarness;
  let page: Page;
  const now = testNow();
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  const admin = <T>(method: string, path: string, body?: unknown, token = TOKEN) =>
    call<T>(h.server.url, method, `/api/v1/admin/sites/${SITE}${path}`, { token, body });

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        const site = await makeSite(ds, SITE);
        // Every closure drawn, so the page has all four to show.
        await ds.query(`UPDATE sites SET settings = '{"callbackSampleShare": 1}' WHERE id = $1`, [site.id]);
        await makeUserOn(ds, 'cbr-handler', 'supervisor', [SITE]);
        await makeUserOn(ds, 'cbr-verifier', 'supervisor', [SITE]);
      },
      { ADMIN_TOKEN: TOKEN, FIXED_CLOCK: now.toISOString() },
    );
    const key = await deviceKeyOn(h.ds, SITE);
    const posted = await postEvents(h.server.url, key, {
      events: [
        ev(
          'review.submitted',
          { rating: 1, channel: 'pad', department: 'd1', window: 'w1', phone: '13812340001', comment: '等了一个多小时没人管' },
          ago(240),
          'r1',
        ),
        ev('review.submitted', { rating: 2, channel: 'app', department: 'd1', window: 'w2', phone: '13812340002' }, ago(230), 'r2'),
        ev(
          'review.submitted',
          { rating: 1, channel: 'pad', department: 'd2', window: 'w3', phone: '13812340003', comment: '材料一次性告知不清' },
          ago(220),
          'r3',
        ),
        ev(
          'complaint.received',
          { source: 'complaint_book', summary: '登记已解决，实际跑了三趟', department: 'd2', phone: '13912340004' },
          ago(210),
          'k1',
        ),
      ],
    });
    expect(posted.status).toBe(200);
    // The handler works all four and closes them, as the register would say: "explained, solved".
    const handler = (await signIn(h.server.url, 'cbr-handler')).token;
    const cases = (await admin<FollowUpListView>('GET', '/follow-ups?status=open')).body.cases;
    expect(cases).toHaveLength(4);
    for (const c of cases)
      for (const [step, body] of [
        ['contact', { reached: true, note: '已电话联系' }],
        ['resolution', { note: '已解释、已解决' }],
        ['confirmation', { satisfied: true, note: '群众满意' }],
      ] as const)
        expect((await admin('POST', `/follow-ups/${c.id}/${step}`, body, handler)).status).toBe(200);
    page = await h.browser.newPage({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.clock.setFixedTime(now);
  });

  afterAll(() => h?.close());

  it('sends the verifier to sign in and back, and lists the drawn cases with the handler’s record and the figures', async () => {
    await page.goto(`${h.server.url}/callback-checks?site=${SITE}`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, 'cbr-verifier');
    await page.waitForURL((u) => u.pathname === '/callback-checks');
    await page.waitForSelector('[data-testid="check-r1"]');
    expect(await page.locator('h1').textContent()).toContain('回访核实');
    expect(await page.locator('tr.cb-row').count()).toBe(4);
    const row = page.getByTestId('check-r1');
    expect(await row.textContent()).toContain('等了一个多小时没人管');
    expect(await row.textContent()).toContain('已解释、已解决');
    expect(await row.textContent()).toContain('cbr-handler');
    expect(await row.textContent()).toContain('138****0001');
    expect(await page.getByTestId('verified-share').textContent()).toBe('0%');
    await page.screenshot({ path: join(SCREENSHOTS, 'callback-checks-zh.png') });
  });

  it('names the missing answer in Chinese, reveals the phone, and records "nobody contacted" — the case reopens', async () => {
    const row = page.getByTestId('check-r1');
    await row.getByRole('button', { name: '记录核实结果' }).click();
    await row.getByText('请选择群众答复').waitFor();

    await row.getByRole('button', { name: '显示号码' }).click();
    expect(await row.getByTestId('phone').textContent()).toBe('13812340001');

    await row.getByLabel('无人联系').check();
    await row.locator('textarea[name="note"]').fill('群众表示至今无工作人员与其联系');
    await row.getByRole('button', { name: '记录核实结果' }).click();
    const outcome = row.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('无人联系');
    expect(await outcome.textContent()).toContain('已重新打开');
    expect(await outcome.textContent()).toContain('待首次联系');
    await page.getByRole('status').getByText('已记录').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="falsified-rate"]')?.textContent === '100%');
    expect(await page.getByTestId('verified-share').textContent()).toBe('25%');

    // The server agrees: reopened, marked falsified, with new deadlines.
    const cases = (await admin<FollowUpListView>('GET', '/follow-ups?status=open')).body.cases;
    const reopened = cases.find((c) => c.sourceId === 'r1') as FollowUpCaseView;
    expect(reopened).toMatchObject({ status: 'awaiting_contact', disproved: 'not_contacted', closedAt: null });
    await page.screenshot({ path: join(SCREENSHOTS, 'callback-checks-answered-zh.png') });
  });

  it('switches to English and keeps reading well', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: /Callbacks verified/ }).waitFor();
    expect(await page.getByTestId('check-r1').getByTestId('outcome').textContent()).toContain('Nobody contacted them');
    expect(await page.getByTestId('figures').textContent()).toContain('Falsified');
    await page.screenshot({ path: join(SCREENSHOTS, 'callback-checks-en.png') });
    await page.getByTestId('language').click();
  });

  it('shows the handler their own cases without a form to verify them', async () => {
    const context = await h.browser.newContext({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const own = await context.newPage();
    await own.clock.setFixedTime(now);
    await own.goto(`${h.server.url}/callback-checks?site=${SITE}`);
    await own.waitForURL(/\/login\?next=/);
    await submitLogin(own, 'cbr-handler');
    const row = own.getByTestId('check-r2');
    await row.waitFor();
    expect(await row.textContent()).toContain('您经办了本件，不能核实');
    expect(await row.locator('form').count()).toBe(0);
    await context.close();
  });
});
