import { PatrolNoticeView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { login, makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, signInContext, submitLogin } from '../support/browser';
import { makeSite } from '../support/factories';
import { call, hall, MONDAY, roundEvent } from '../support/patrol';
import { pdfText } from '../support/pdf-text';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN = 'browser-admin-token-desk-notices';
const SITE = 'dnot';
const R1 = `${MONDAY}-1`;

/** A photo of the finding as the phone sends it: a grey nameplate on a light wall. */
function photo(): Buffer {
  const png = new PNG({ width: 160, height: 120 });
  for (let y = 0; y < 120; y++)
    for (let x = 0; x < 160; x++) {
      const plate = x > 40 && x < 120 && y > 30 && y < 90;
      png.data.set(plate ? [120, 130, 145, 255] : [235, 232, 225, 255], (y * 160 + x) * 4);
    }
  return PNG.sync.write(png);
}

// The supervision office's whole notice job on the desk, signed in through the login page as a
// supervisor: a patrol finding turned into a 督查告知书 (numbered from the site's pattern), its PDF
// downloaded and read, its printable page, the department's reply, the office's acceptance, and
// the finding counted in the month's deductions on the screen and in the exported workbook.
describe('the desk: patrol findings to notices (/desk) in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let notice: PatrolNoticeView;
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const section = () => page.locator('[data-testid="desk-patrol-follow-up"]');

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE sites SET name = '惠济区政务服务中心' WHERE code = $1`, [SITE]);
    await t.ds.query(`UPDATE departments SET name = '市场监管局', name_en = 'Market Regulation Bureau' WHERE code = 'd1'`);
    await t.ds.query(`UPDATE departments SET name = '人社局', name_en = 'Human Resources Bureau' WHERE code = 'd2'`);
    await makeUser(t, 'duchashi.dnot', 'supervisor', [SITE]);
    await makeUser(t, 'scjg.dnot', 'department', { site: SITE, department: 'd1' });
    await makeUser(t, 'admin.dnot', 'admin', 'all');
    const patrol = (method: string, path: string, body?: unknown, type?: string) =>
      call(`${t.url}/api/v1/patrol/sites/${SITE}${path}`, method, ADMIN, body, type);
    t.clock.setNow(hall(MONDAY, '08:55:00'));
    await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true });
    t.clock.setNow(hall(MONDAY, '09:10:00'));
    const walked = await patrol('POST', '/events', {
      events: [
        roundEvent('round.started', { round: R1, patroller: 'p' }, hall(MONDAY, '09:01:00')),
        roundEvent(
          'round.check',
          {
            round: R1,
            checkpoint: 'nameplate',
            result: 'finding',
            department: 'd1',
            window: 'w1',
            severity: 'medium',
            note: '1号窗口公示牌照片与在岗人员不符',
          },
          hall(MONDAY, '09:03:00'),
          'c-plate',
        ),
        roundEvent(
          'round.check',
          { round: R1, checkpoint: 'first-aid', result: 'finding', department: 'd2', severity: 'low', note: '急救药箱内药品过期' },
          hall(MONDAY, '09:05:00'),
          'c-aid',
        ),
        roundEvent(
          'round.check',
          { round: R1, checkpoint: 'first-aid', result: 'finding', department: 'd2', severity: 'low', note: '老花镜缺失' },
          hall(MONDAY, '09:06:00'),
          'c-glasses',
        ),
      ],
    });
    expect(walked.status).toBe(200);
    expect((await patrol('PUT', '/photos/c-plate', photo(), 'image/png')).status).toBe(201);
    t.clock.setNow(hall(MONDAY, '10:00:00'));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs the supervisor in to the desk, which lists the open findings', async () => {
    await page.goto(`${t.url}/login`);
    await submitLogin(page, 'duchashi.dnot');
    await page.waitForURL((u) => u.pathname === '/desk');
    await page.waitForSelector('[data-testid="finding-c-plate"]');
    expect(await page.textContent('[data-testid="desk-findings"]')).toContain('1号窗口公示牌照片与在岗人员不符');
    expect(await page.textContent('[data-testid="desk-findings"]')).toContain('市场监管局');
  });

  it('issues a notice from a finding with a deadline and a requirement, numbered from the pattern', async () => {
    await page.click('[data-testid="issue-c-plate"]');
    const form = page.locator('[data-testid="issue-form"]');
    expect(await form.locator('select[name="deadline"]').inputValue()).toBe('2024-07-18');
    await form.locator('textarea[name="text"]').fill('请立即更换公示牌照片，并书面说明人员变动未及时更新的原因。');
    await form.locator('[data-testid="issue-submit"]').click();
    await page.waitForSelector('[data-testid="notice-issued"]');
    expect(await page.textContent('[data-testid="notice-issued"]')).toContain('惠济区政务服务中心督告〔2024〕1号');
    expect(await page.locator('[data-testid="finding-c-plate"]').count()).toBe(0);
    const notices = await call<PatrolNoticeView[]>(`${t.url}/api/v1/admin/sites/${SITE}/patrol/notices?status=all`, 'GET', ADMIN);
    notice = notices.body[0];
    expect(notice).toMatchObject({ department: 'd1', deadline: '2024-07-18T09:30:00.000Z', number: '惠济区政务服务中心督告〔2024〕1号' });
    const row = page.locator(`[data-testid="notice-row-${notice.clientId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="notice-state"]').textContent()).toBe('待回复');
    await section().scrollIntoViewIfNeeded();
    await shot(page, 'desk-notices-zh');
  });

  it('downloads the PDF, whose text has the number, the department, the facts and the deadline', async () => {
    const row = page.locator(`[data-testid="notice-row-${notice.clientId}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid="notice-pdf"]').click()]);
    expect(download.suggestedFilename()).toBe('惠济区政务服务中心督告〔2024〕1号.pdf');
    const { text, pages } = await pdfText(await readFile((await download.path())!));
    const flat = text.replace(/\s+/g, '');
    expect(pages).toBe(1);
    for (const part of [
      '惠济区政务服务中心督查室',
      '惠济区政务服务中心督告〔2024〕1号',
      '市场监管局：',
      '1号窗口公示牌照片与在岗人员不符',
      '请立即更换公示牌照片',
      '请于2024年7月18日17时30分前',
      '2024年7月15日',
    ])
      expect(flat).toContain(part);
  });

  it('opens the printable notice, an A4 sheet in the official layout with the photo, in Chinese and English', async () => {
    const row = page.locator(`[data-testid="notice-row-${notice.clientId}"]`);
    const [sheet] = await Promise.all([context.waitForEvent('page'), row.locator('[data-testid="notice-print"]').click()]);
    await sheet.waitForSelector('[data-testid="notice-sheet"] img');
    await sheet.waitForFunction(
      () => (document.querySelector('[data-testid="notice-sheet"] img') as HTMLImageElement | null)?.naturalWidth === 160,
    );
    expect(await sheet.textContent('[data-testid="notice-number"]')).toBe('惠济区政务服务中心督告〔2024〕1号');
    expect(await sheet.textContent('[data-testid="notice-addressee"]')).toBe('市场监管局：');
    expect(await sheet.textContent('[data-testid="notice-facts"]')).toContain('2024年7月15日9时03分');
    expect(await sheet.textContent('[data-testid="notice-facts"]')).toContain('1号窗口');
    expect(await sheet.textContent('[data-testid="notice-deadline"]')).toContain('2024年7月18日17时30分');
    // Printed, the sheet is the page: the toolbar and the progress box are screen-only.
    await sheet.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.np-toolbar').isVisible()).toBe(false);
    expect(await sheet.locator('[data-testid="notice-progress"]').isVisible()).toBe(false);
    await sheet.emulateMedia({ media: 'screen' });
    await shot(sheet, 'notice-print-zh');
    await sheet.click('[data-testid="lang"]');
    await sheet.waitForFunction(
      () => document.querySelector('[data-testid="notice-addressee"]')?.textContent === 'Market Regulation Bureau:',
    );
    expect(await sheet.textContent('[data-testid="notice-deadline"]')).toContain('18 July 2024, 17:30');
    await shot(sheet, 'notice-print-en');
    await sheet.click('[data-testid="lang"]');
    await sheet.close();
  });

  it("shows the department's reply, which the office accepts and counts in the month's deductions", async () => {
    // The department page has no reply form yet: the department's own account replies through the API.
    // Within the sessions' 30 idle minutes of the supervisor's last step.
    t.clock.setNow(hall(MONDAY, '10:20:00'));
    const dept = (await login(t.url, 'scjg.dnot')).session!.token;
    const replied = await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/notices/${notice.id}/reply`, 'POST', dept, {
      reply: '已更换公示牌照片，并建立人员变动当日更新制度。',
      by: '市场监管局 张科长',
    });
    expect(replied.status).toBe(201);
    // The department reads its own notice as printed.
    const deptContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInContext(deptContext, t.url, 'scjg.dnot');
    const deptPage = await deptContext.newPage();
    await deptPage.goto(`${t.url}/notice?site=${SITE}&id=${notice.id}`);
    await deptPage.waitForSelector('[data-testid="notice-sheet"]');
    expect(await deptPage.textContent('[data-testid="notice-progress"]')).toContain('已更换公示牌照片');
    await deptContext.close();
    await page.reload();
    const row = page.locator(`[data-testid="notice-row-${notice.clientId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-testid="notice-state"]').textContent()).toBe('已回复待验收');
    expect(await row.locator('[data-testid="notice-reply"]').textContent()).toContain('已更换公示牌照片');
    expect(await row.locator('[data-testid="notice-reply"]').textContent()).toContain('市场监管局 张科长');
    await row.locator('[data-testid="notice-accept"]').click();
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="notice-row-${id}"] [data-testid="notice-state"]`)?.textContent === '已验收',
      notice.clientId,
    );
    await row.locator('[data-testid="notice-deduct"]').click();
    await row.locator('[data-testid="notice-deduct-points"]').fill('0');
    await row.locator('[data-testid="notice-deduct-confirm"]').click();
    expect(await row.locator('[role="alert"]').textContent()).toBe('扣分须为 1 到 100 之间的整数分');
    await row.locator('[data-testid="notice-deduct-points"]').fill('3');
    await row.locator('[data-testid="notice-deduct-confirm"]').click();
    await row.locator('[data-testid="notice-deducted"]').waitFor();
    expect(await row.locator('[data-testid="notice-deducted"]').textContent()).toBe('扣 3 分');
    await page.waitForSelector('[data-testid="deduction-d1"]');
    expect(await page.textContent('[data-testid="deduction-d1"]')).toContain('市场监管局');
    expect(await page.textContent('[data-testid="deduction-d1"]')).toContain('3 分');
    expect(await page.textContent('[data-testid="deduction-total"]')).toBe('3 分');
    await section().scrollIntoViewIfNeeded();
    await shot(page, 'desk-notices-replied-zh');
  });

  it("exports the month's deductions as a workbook", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="deduction-export"]')]);
    expect(download.suggestedFilename()).toBe('部门月度考核扣分-dnot-2024-07.xlsx');
    const wb = new Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const rows = wb
      .getWorksheet('部门扣分汇总')!
      .getSheetValues()
      .slice(3)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['市场监管局', 'd1', 1, 3],
      ['合计', '', 1, 3],
    ]);
    const detail = wb.getWorksheet('扣分明细')!.getRow(3).values as unknown[];
    expect(detail).toEqual(expect.arrayContaining(['市场监管局', '2024-07-15 09:03', 3, '惠济区政务服务中心督告〔2024〕1号']));
    // Another month has nothing.
    await page.fill('[data-testid="deduction-month"]', '2024-06');
    await page.waitForFunction(() => document.querySelector('[data-testid="desk-deductions"]')?.textContent?.includes('本月没有扣分记录'));
    await page.fill('[data-testid="deduction-month"]', '2024-07');
    await page.waitForSelector('[data-testid="deduction-d1"]');
  });

  it('escalates a notice the office will not wait for, and reads in English', async () => {
    await page.click('[data-testid="issue-c-aid"]');
    await page.locator('[data-testid="issue-form"] [data-testid="issue-submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="notice-issued"]')?.textContent?.includes('〔2024〕2号'));
    const aid = (await call<PatrolNoticeView[]>(`${t.url}/api/v1/admin/sites/${SITE}/patrol/notices?status=open`, 'GET', ADMIN)).body[0];
    const row = page.locator(`[data-testid="notice-row-${aid.clientId}"]`);
    await row.locator('[data-testid="notice-escalate"]').click();
    await row.locator('input[aria-label="上报说明（可不填）"]').fill('部门多次未落实药箱月检');
    await row.locator('[data-testid="notice-escalate-confirm"]').click();
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid="notice-row-${id}"] [data-testid="notice-state"]`)?.textContent === '已上报',
      aid.clientId,
    );
    expect(await row.textContent()).toContain('部门多次未落实药箱月检');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="desk-patrol-follow-up"] h2')?.textContent === 'Patrol findings and supervision notices',
    );
    expect(await row.locator('[data-testid="notice-state"]').textContent()).toBe('Escalated');
    expect(await page.textContent(`[data-testid="notice-row-${notice.clientId}"] [data-testid="notice-state"]`)).toBe('Accepted');
    expect(await page.textContent('[data-testid="deduction-total"]')).toBe('3 pt');
    await section().scrollIntoViewIfNeeded();
    await shot(page, 'desk-notices-en');
    await page.click('[data-testid="language"]');
  });

  it('lets an admin change the number pattern, refusing one that could repeat a number; the next notice takes the new one', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await adminContext.newPage();
    await admin.goto(`${t.url}/login?next=${encodeURIComponent(`/admin?site=${SITE}&tab=patrol`)}`);
    await submitLogin(admin, 'admin.dnot');
    const pattern = admin.locator('#setting-noticeNumberPattern');
    await pattern.waitFor();
    expect(await pattern.inputValue()).toBe('{site}督告〔{year}〕{seq}号');
    await pattern.fill('惠督〔{year}〕号');
    await admin.click('[data-testid="save-notice-number"]');
    await admin.waitForSelector('[data-testid="error-noticeNumberPattern"]');
    expect(await admin.textContent('[data-testid="error-noticeNumberPattern"]')).toContain('文号格式须含 {year} 和 {seq}');
    await pattern.fill('惠政服督〔{year}〕{seq:3}号');
    await admin.fill('#setting-noticeIssuer', '惠济区政务服务中心督查室');
    expect(await admin.textContent('[data-testid="notice-number-settings"]')).toContain('惠政服督〔');
    await admin.click('[data-testid="save-notice-number"]');
    await admin.waitForSelector('[data-testid="notice-number-saved"]');
    await admin.locator('[data-testid="notice-number-settings"]').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-notice-number-zh');
    await adminContext.close();

    await page.reload();
    await page.click('[data-testid="issue-c-glasses"]');
    await page.locator('[data-testid="issue-form"] [data-testid="issue-submit"]').click();
    await page.waitForSelector('[data-testid="notice-issued"]');
    expect(await page.textContent('[data-testid="notice-issued"]')).toBe('已出具 惠政服督〔2024〕003号');
  });

  it("keeps another department's notice from a department account, as if it did not exist", async () => {
    const deptContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signInContext(deptContext, t.url, 'scjg.dnot');
    const deptPage = await deptContext.newPage();
    const others = (await call<PatrolNoticeView[]>(`${t.url}/api/v1/admin/sites/${SITE}/patrol/notices?status=all`, 'GET', ADMIN)).body;
    const other = others.find((n) => n.department === 'd2');
    expect(other).toBeDefined();
    await deptPage.goto(`${t.url}/notice?site=${SITE}&id=${other!.id}`);
    await deptPage.waitForSelector('[role="alert"]');
    expect(await deptPage.textContent('[role="alert"]')).toContain('未找到');
    expect(await deptPage.locator('[data-testid="notice-sheet"]').count()).toBe(0);
    await deptContext.close();
  });
});
