import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { makeUser } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, submitLogin } from '../support/browser';
import { seedTwoDepartments } from '../support/department-hall';
import { makeSite } from '../support/factories';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN = 'browser-admin-token-department-actions';
const SITE = 'depa';
const SCREEN = { width: 1440, height: 900 };

// The department does its own work on its own page, signed in through the login page: it answers
// its notice, logs its call and fix, and appeals a 差评; a supervisor then decides the appeal on
// the desk. Every step is checked in what the server stored, and a form sent half-filled says
// which field is missing, in the page's language, and stores nothing.
describe('a department acts on /department and a supervisor decides its appeal on /desk', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => ((await t.ds.query(sql, params)) as T[])[0];
  const stored = (text: string) =>
    page.waitForFunction((want) => document.querySelector('[data-testid="dp-stored"]')?.textContent === want, text);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE departments SET name = '公积金中心', name_en = 'Housing Fund Centre' WHERE code = 'd1'`);
    await makeUser(t, 'gjj.depa', 'department', { site: SITE, department: 'd1' });
    await makeUser(t, 'sup.depa', 'supervisor', [SITE]);
    await seedTwoDepartments(t, SITE, ADMIN);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${t.url}/login`);
    await submitLogin(page, 'gjj.depa');
    await page.waitForURL((u) => u.pathname === '/department');
    await page.waitForSelector('[data-testid="dp-notice-n-d1"]');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('replies to its notice: a blank reply is refused naming the field, then the reply closes it', async () => {
    const notice = page.locator('[data-testid="dp-notice-n-d1"]');
    await notice.getByRole('button', { name: '回复告知书' }).click();
    await notice.getByRole('button', { name: '提交答复' }).click();
    await notice.locator('.dp-field-error').waitFor();
    expect(await notice.locator('.dp-field-error').textContent()).toBe('请填写整改情况（不超过 2000 字）');
    expect(await one(`SELECT status, reply FROM patrol_notices WHERE client_id = 'n-d1'`)).toEqual({ status: 'open', reply: null });

    await notice.locator('textarea[name="reply"]').fill('已于当日更换急救药箱，并指定专人每月检查');
    await notice.getByRole('button', { name: '提交答复' }).click();
    await stored('已提交答复，告知书已办结。');
    await page.waitForSelector('[data-testid="dp-notice-n-d1"]', { state: 'detached' });
    expect(await page.textContent('[data-testid="dp-notices"]')).toContain('没有待回复的告知书');
    expect(await one(`SELECT status, reply, replied_by FROM patrol_notices WHERE client_id = 'n-d1'`)).toEqual({
      status: 'closed',
      reply: '已于当日更换急救药箱，并指定专人每月检查',
      replied_by: 'gjj.depa',
    });
    expect(await one(`SELECT status FROM patrol_findings WHERE department = 'd1'`)).toEqual({ status: 'resolved' });
  });

  it('logs its call and its fix on a follow-up, then leaves the confirming call to the office', async () => {
    const item = page.locator('[data-testid="dp-case-r-d1"]');
    await item.getByRole('button', { name: '查看完整号码' }).click();
    await item.locator('[data-testid="dp-phone"]', { hasText: '13911112222' }).waitFor();

    await item.getByRole('button', { name: '记录联系' }).click();
    await item.getByRole('button', { name: '保存' }).click();
    await item.locator('.dp-field-error').waitFor();
    expect(await item.locator('.dp-field-error').textContent()).toBe('请选择是否联系上群众');
    await item.getByLabel('已联系上').check();
    await item.locator('textarea[name="note"]').fill('群众反映等候过久，已致歉');
    await item.getByRole('button', { name: '保存' }).click();
    await stored('已记录联系情况。');

    await item.getByRole('button', { name: '记录整改' }).click();
    await item.locator('textarea[name="note"]').fill('已调整午间窗口排班');
    await item.getByRole('button', { name: '保存' }).click();
    await stored('已记录整改情况，等待督查室回访确认。');
    await item.locator('.dp-waits').waitFor();
    expect(await item.textContent()).toContain('待督查室回访确认后办结');
    expect(await item.getByRole('button', { name: '记录联系' }).count()).toBe(0);
    const c = await one<{ id: string; status: string }>(`SELECT id, status FROM follow_up_cases WHERE source_id = 'r-d1'`);
    expect(c.status).toBe('awaiting_confirmation');
    const actions = await t.ds.query(`SELECT kind, actor, outcome FROM follow_up_actions WHERE case_id = $1 ORDER BY at, id`, [c.id]);
    expect(actions).toEqual([
      { kind: 'contact', actor: 'gjj.depa', outcome: true },
      { kind: 'resolution', actor: 'gjj.depa', outcome: null },
    ]);
    expect(await one(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'phone.reveal' AND actor = 'gjj.depa'`)).toEqual({ n: 1 });
  });

  it('appeals a 差评 with a reason: without a reason it is refused naming it, and nothing is filed', async () => {
    const item = page.locator('[data-testid="dp-case-r-d1b"]');
    await item.getByRole('button', { name: '申诉' }).click();
    const form = item.locator('[data-testid="dp-appeal-form"]');
    await form.locator('textarea[name="statement"]').fill('该群众办理的是社保业务，误点了公积金窗口的评价器');
    await form.getByRole('button', { name: '提交申诉' }).click();
    await form.locator('.dp-field-error').waitFor();
    expect(await form.locator('.dp-field-error').textContent()).toBe('请选择申诉理由');
    expect(await t.ds.query(`SELECT 1 FROM review_appeals WHERE review_id = 'r-d1b'`)).toEqual([]);

    await form.getByLabel('误评').check();
    await form.getByRole('button', { name: '提交申诉' }).click();
    await stored('已提交申诉，等待督查室裁定。');
    const appeal = page.locator('[data-testid="dp-appeal-r-d1b"]');
    await appeal.waitFor();
    expect(await appeal.textContent()).toContain('待裁定');
    expect(await appeal.textContent()).toContain('误评：该群众办理的是社保业务');
    expect(await item.textContent()).toContain('待裁定');
    expect(await one(`SELECT status, department, reason, filed_by FROM review_appeals WHERE review_id = 'r-d1b'`)).toEqual({
      status: 'pending',
      department: 'd1',
      reason: 'mistaken',
      filed_by: 'gjj.depa',
    });
    expect(await page.textContent('[data-testid="dp-deductions"]')).toContain('−3 分');
    expect(await page.getAttribute('[data-testid="dp-register-link"]', 'href')).toBe(`/absences?site=${SITE}`);
    expect(await page.textContent('body')).not.toContain('二号部门');
    await shot(page, 'department-actions-zh');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Department tasks'));
    expect(await appeal.textContent()).toContain('Mistaken: ');
    expect(await page.textContent('[data-testid="dp-stored"]')).toBe("Appeal filed; waiting for the supervision office's decision.");
    await shot(page, 'department-actions-en');
  });

  it('is decided on the desk by a supervisor, who must give the grounds; the department then reads the decision', async () => {
    const context = await browser.newContext({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const desk = await context.newPage();
    await desk.goto(`${t.url}/login`);
    await submitLogin(desk, 'sup.depa');
    await desk.waitForURL((u) => u.pathname === '/desk');
    const card = desk.locator('[data-testid="appeal-r-d1b"]');
    // The card may come before the desk's department list: it names the department once that is read.
    await desk.locator('[data-testid="appeal-r-d1b"]', { hasText: '公积金中心' }).waitFor();
    expect(await card.textContent()).toContain('公积金中心');
    expect(await card.textContent()).toContain('2 星差评');
    expect(await card.textContent()).toContain('该群众办理的是社保业务');

    await card.getByLabel('申诉成立（撤销该差评）').check();
    await card.getByRole('button', { name: '提交裁定' }).click();
    await card.locator('.dk-ap-error').waitFor();
    expect(await card.locator('.dk-ap-error').textContent()).toBe('请写明裁定理由（不超过 2000 字）');
    expect(await one(`SELECT status FROM review_appeals WHERE review_id = 'r-d1b'`)).toEqual({ status: 'pending' });

    await card.locator('textarea[name="note"]').fill('调取评价器记录，核实为误评');
    await card.getByRole('button', { name: '提交裁定' }).click();
    await desk.locator('[data-testid="appeal-done"]', { hasText: '已裁定：申诉成立' }).waitFor();
    await card.waitFor({ state: 'detached' });
    expect(await desk.textContent('[data-testid="decided-r-d1b"]')).toContain('调取评价器记录，核实为误评');
    expect(await one(`SELECT status, decided_by, decision_note FROM review_appeals WHERE review_id = 'r-d1b'`)).toEqual({
      status: 'upheld',
      decided_by: 'sup.depa',
      decision_note: '调取评价器记录，核实为误评',
    });
    expect(await one(`SELECT excluded FROM reviews WHERE event_id = 'r-d1b'`)).toEqual({ excluded: true });
    expect(
      await one(`SELECT actor, details->>'to' AS "to" FROM audit_log WHERE action = 'appeal.decide' AND target LIKE 'appeal:%'`),
    ).toEqual({ actor: 'sup.depa', to: 'upheld' });
    await context.close();

    await page.reload();
    const appeal = page.locator('[data-testid="dp-appeal-r-d1b"]');
    await appeal.waitFor();
    expect(await appeal.textContent()).toContain('Upheld');
    expect(await appeal.textContent()).toContain('Grounds: 调取评价器记录，核实为误评');
  });
});
