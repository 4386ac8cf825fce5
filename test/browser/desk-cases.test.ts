import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, submitLogin } from '../support/browser';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { hall, MONDAY } from '../support/patrol';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN = 'browser-admin-token-desk-cases';
const SITE = 'dcas';
const SCREEN = { width: 1440, height: 900 };
const PHONE = '13812345678';
const ORDER = 'GD20240715000123';

// 差评回访 and 12345 complaints worked on the desk (/desk) by a supervisor signed in on the login
// page: a 差评 followed up to the citizen's confirmation (a call logged, the number revealed and
// audited, the fix, the confirming call), and a 12345 complaint returned to its platform (退单)
// with a reason, then closed by the platform. The hall's Monday in July 2024, on a set clock.
describe('the desk’s follow-up cases, worked by a supervisor', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let key: string;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  const caseId = async (source: string) =>
    ((await t.ds.query(`SELECT id FROM follow_up_cases WHERE source_id = $1`, [source])) as Array<{ id: string }>)[0].id;
  const post = async (events: Array<ReturnType<typeof ev>>) => {
    const res = await postEvents(t.url, key, { events });
    expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => 'accepted'));
  };
  const detail = () => page.locator('[data-testid="case-detail"]');
  const openCase = async (id: string) => {
    await page.click(`[data-testid="open-case-${id}"]`);
    await page.waitForSelector('[data-testid="case-detail"] [data-testid="case-content"]');
  };
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="case-detail"]', { state: 'detached' });
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE departments SET name = '公积金中心', name_en = 'Housing Fund Centre' WHERE code = 'd1'`);
    await t.ds.query(`UPDATE departments SET name = '不动产登记中心', name_en = 'Real Estate Registry' WHERE code = 'd2'`);
    await makeUser(t, 'sup.dcas', 'supervisor', [SITE]);
    key = await t.deviceKey(SITE);
    t.clock.setNow(hall(MONDAY, '10:30:00'));
    await post([
      ev(
        'review.submitted',
        {
          rating: 1,
          channel: 'pad',
          department: 'd1',
          window: 'w1',
          staff: 's1',
          ticket: 'A017',
          phone: PHONE,
          comment: '材料被退回三次，每次只说一个问题',
        },
        hall(MONDAY, '09:20:00'),
        'r-bad',
      ),
      ev(
        'complaint.received',
        {
          source: 'hotline_12345',
          summary: '反映不动产登记窗口排队两小时无人叫号',
          department: 'd2',
          window: 'w3',
          phone: '13755556666',
          workOrder: ORDER,
          signBy: '2024-07-15T10:00:00+08:00',
          closeBy: '2024-07-19T17:00:00+08:00',
        },
        hall(MONDAY, '09:00:00'),
        'cp-12345',
      ),
      ev(
        'complaint.received',
        {
          source: 'hotline_12345',
          summary: '咨询公积金提取材料，工作人员解释不清',
          department: 'd1',
          workOrder: 'GD20240715000188',
          signBy: '2024-07-15T16:00:00+08:00',
          closeBy: '2024-07-22T17:00:00+08:00',
        },
        hall(MONDAY, '09:40:00'),
        'cp-other',
      ),
      ev(
        'complaint.platform_updated',
        { workOrder: 'GD20240715000188', change: 'extended', closeBy: '2024-07-26T17:00:00+08:00', note: '群众补充材料，延期' },
        hall(MONDAY, '10:10:00'),
        'pu-ext',
      ),
    ]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${t.url}/login`);
    await submitLogin(page, 'sup.dcas');
    await page.waitForURL((u) => u.pathname === '/desk');
    await page.waitForSelector('[data-testid="desk-cases"] tbody tr');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('follows a 差评 up to the citizen’s confirmation: a call, the number revealed and audited, the fix, the confirming call', async () => {
    const id = await caseId('r-bad');
    await openCase(id);
    const panel = detail();
    expect(await panel.locator('h2').textContent()).toBe('差评 · 1 星');
    expect(await panel.textContent()).toContain('材料被退回三次，每次只说一个问题');
    expect(await panel.textContent()).toContain('公积金中心');
    expect(await panel.textContent()).toContain('1 号窗口');
    await page.waitForFunction(() => document.querySelector('[data-testid="case-staff"]')?.textContent === '人员1 · s1');
    expect(await panel.textContent()).toContain('评价器');
    expect(await panel.locator('[data-testid="case-ticket"]').textContent()).toBe('A017');
    expect(await panel.locator('[data-testid="case-status"]').textContent()).toBe('待首次联系');
    // The first call is due within 1 working day: still ahead at 10:30 on the Monday.
    expect(await panel.locator('[data-testid="case-due-contact"]').getAttribute('data-overdue')).toBe('no');

    // The number stays masked until asked for; asking is recorded under the supervisor's name.
    expect(await panel.locator('[data-testid="case-phone-masked"]').textContent()).toBe('138****5678');
    expect(await page.content()).not.toContain(PHONE);
    const audited = async () =>
      (await t.ds.query(`SELECT actor, details FROM audit_log WHERE action = 'phone.reveal' AND target = $1`, [
        `follow-up:${id}`,
      ])) as Array<{
        actor: string;
        details: Record<string, unknown>;
      }>;
    expect(await audited()).toEqual([]);
    await panel.locator('button', { hasText: '显示完整号码' }).click();
    await page.waitForSelector('[data-testid="case-phone"]');
    expect(await panel.locator('[data-testid="case-phone"]').textContent()).toBe(PHONE);
    expect(await audited()).toEqual([{ actor: 'sup.dcas', details: expect.objectContaining({ kind: 'review', sourceId: 'r-bad' }) }]);

    // A call logged without saying whether it reached the citizen is refused, naming what is missing.
    const contact = panel.locator('[data-testid="case-contact"]');
    await contact.locator('button[type="submit"]').click();
    await contact.locator('em', { hasText: '请选择本次联系是否接通' }).waitFor();
    await shot('desk-case-review-zh');
    await contact.locator('input[value="yes"]').check();
    await contact.locator('textarea').fill('已致电群众，说明将核查窗口退件情况');
    await contact.locator('button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-status"]')?.textContent === '整改中');
    expect(await panel.locator('[data-testid="case-history"]').textContent()).toContain('已接通');
    expect(await panel.locator('[data-testid="case-due-contact"]').textContent()).toContain('已于');

    const fix = panel.locator('[data-testid="case-resolution"]');
    await fix.locator('button[type="submit"]').click();
    await fix.locator('em', { hasText: '请填写整改或解释内容' }).waitFor();
    await fix.locator('textarea').fill('已对窗口人员开展一次性告知培训，群众材料当日办结');
    await fix.locator('button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-status"]')?.textContent === '待回访确认');

    const confirm = panel.locator('[data-testid="case-confirmation"]');
    await confirm.locator('input[value="yes"]').check();
    await confirm.locator('textarea').fill('群众表示满意');
    await confirm.locator('button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-status"]')?.textContent === '已办结');
    expect(await panel.locator('[data-testid="case-history"] li').allTextContents()).toEqual([
      expect.stringContaining('联系群众'),
      expect.stringContaining('整改结果'),
      expect.stringContaining('回访确认'),
    ]);
    await shot('desk-case-review-closed-zh');

    // The closed case has left the open queue.
    await page.waitForSelector(`[data-testid="case-${id}"]`, { state: 'detached' });
    await closePanel();
    expect(await t.ds.query(`SELECT status FROM follow_up_cases WHERE id = $1`, [id])).toEqual([{ status: 'closed' }]);
  });

  it('returns a 12345 complaint to its platform with a reason, and the platform’s closing closes it', async () => {
    const id = await caseId('cp-12345');
    // The queue says which complaints are work orders.
    expect(await page.locator(`[data-testid="case-${id}"] [data-testid="queue-work-order"]`).textContent()).toBe(`工单 ${ORDER}`);
    await openCase(id);
    const panel = detail();
    expect(await panel.locator('h2').textContent()).toBe('投诉');
    expect(await panel.textContent()).toContain('12345 热线');
    expect(await panel.textContent()).toContain('不动产登记中心');
    expect(await panel.locator('[data-testid="case-work-order"]').textContent()).toBe(ORDER);
    // The platform's sign limit (10:00) has passed at 10:30 with nobody reached yet; its close limit is Friday.
    expect(await panel.locator('[data-testid="case-sign-by"]').getAttribute('data-overdue')).toBe('yes');
    expect(await panel.locator('[data-testid="case-sign-by"]').textContent()).toContain('已逾期');
    expect(await panel.locator('[data-testid="case-close-by"]').getAttribute('data-overdue')).toBe('no');
    expect(await panel.locator('[data-testid="case-close-by"]').textContent()).toContain('07/19 17:00');

    const back = panel.locator('[data-testid="case-return"]');
    await back.locator('button[type="submit"]').click();
    await back.locator('em', { hasText: '请填写退单理由（不超过 500 字）' }).waitFor();
    expect(await t.ds.query(`SELECT returned_at FROM follow_up_cases WHERE id = $1`, [id])).toEqual([{ returned_at: null }]);
    const reason = '反映事项属排队叫号系统故障，应由大数据局处理，非本中心受理范围';
    await back.locator('textarea').fill(reason);
    await back.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="case-returned"]');
    expect(await panel.locator('[data-testid="case-returned"]').textContent()).toContain(reason);
    expect(await panel.locator('[data-testid="case-platform"]').textContent()).toContain('已退单，待平台处理');
    expect(await panel.locator('[data-testid="case-return"]').count()).toBe(0);
    expect(
      await t.ds.query(`SELECT actor, details->>'reason' AS reason FROM audit_log WHERE action = 'follow-up.return' AND target = $1`, [
        `follow-up:${id}`,
      ]),
    ).toEqual([{ actor: 'sup.dcas', reason }]);
    await shot('desk-case-complaint-zh');
    await closePanel();
    await page.locator(`[data-testid="case-${id}"]`, { hasText: '已退单，待平台处理' }).waitFor();

    // The platform accepts the return and closes the order: the case closes with it and leaves the queue.
    await post([
      ev('complaint.platform_updated', { workOrder: ORDER, change: 'closed', note: '已转大数据局' }, hall(MONDAY, '10:35:00'), 'pu-close'),
    ]);
    await page.reload();
    await page.waitForSelector('[data-testid="desk-cases"] tbody tr');
    expect(await page.locator(`[data-testid="case-${id}"]`).count()).toBe(0);
    expect(
      await t.ds.query(`SELECT status, platform_closed_at IS NOT NULL AS by_platform FROM follow_up_cases WHERE id = $1`, [id]),
    ).toEqual([{ status: 'closed', by_platform: true }]);
  });

  it('reads in English, errors included', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Supervision desk');
    await openCase(await caseId('cp-other'));
    const panel = detail();
    expect(await panel.locator('h2').textContent()).toBe('Complaint');
    expect(await panel.textContent()).toContain('Housing Fund Centre');
    expect(await panel.locator('[data-testid="case-close-by"]').textContent()).toContain('was 22 Jul, 17:00');
    expect(await panel.locator('[data-testid="case-platform-updates"]').textContent()).toContain('Extended');
    const back = panel.locator('[data-testid="case-return"]');
    await back.locator('button[type="submit"]').click();
    await back.locator('em', { hasText: 'Write the reason for returning (at most 500 characters)' }).waitFor();
    await shot('desk-case-complaint-en');
    await closePanel();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('desk-cases-en');
  });
});
