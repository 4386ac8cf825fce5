import { join } from 'node:path';
import type { AppealView } from '@hallwatch/shared';
import { Browser, Page } from 'playwright-core';
import { call, makeUser, signIn } from '../support/accounts';
import { launchBrowser, SCREENSHOTS, submitLogin } from '../support/browser';
import { seedTwoDepartments } from '../support/department-hall';
import { makeSite } from '../support/factories';
import { DASHBOARD_DIR } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ADMIN = 'browser-admin-token-desk-appeals';
const SITE = 'dapl';
const SCREEN = { width: 1440, height: 900 };

// Appeals on the desk (/desk): a supervisor reads each pending appeal with the review it contests
// and the department's case, and decides it with the grounds; one the supervisor filed for a
// department is shown as theirs, to be decided by someone else, with no form to decide it.
describe('the desk’s appeals, decided by a supervisor who did not file them', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const appealPath = (review: string) => `/api/v1/admin/sites/${SITE}/reviews/${review}/appeal`;
  const status = async (review: string) =>
    ((await t.ds.query(`SELECT status, decided_by FROM review_appeals WHERE review_id = $1`, [review])) as unknown[])[0];

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN, DASHBOARD_DIR });
    await makeSite(t.ds, SITE, 2);
    await t.ds.query(`UPDATE departments SET name = '公积金中心', name_en = 'Housing Fund Centre' WHERE code = 'd1'`);
    await t.ds.query(`UPDATE departments SET name = '不动产登记中心', name_en = 'Real Estate Registry' WHERE code = 'd2'`);
    await makeUser(t, 'gjj.dapl', 'department', { site: SITE, department: 'd1' });
    await makeUser(t, 'sup.dapl', 'supervisor', [SITE]);
    await seedTwoDepartments(t, SITE, ADMIN);
    // The department files its own; the supervisor files one for the other department.
    const dept = (await signIn(t.url, 'gjj.dapl')).token;
    const sup = (await signIn(t.url, 'sup.dapl')).token;
    const own = await call<AppealView>(t.url, 'POST', appealPath('r-d1b'), {
      token: dept,
      body: { reason: 'malicious', statement: '该群众因材料不全未能办理，当场表示要给差评' },
    });
    const forD2 = await call<AppealView>(t.url, 'POST', appealPath('r-d2b'), {
      token: sup,
      body: { reason: 'mistaken', statement: '部门电话反映：评价器被儿童误按' },
    });
    expect([own.status, forD2.status]).toEqual([201, 201]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: SCREEN, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${t.url}/login`);
    await submitLogin(page, 'sup.dapl');
    await page.waitForURL((u) => u.pathname === '/desk');
    await page.waitForSelector('[data-testid="appeal-r-d1b"]');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows each pending appeal with its review and case, and the one its supervisor filed without a form', async () => {
    const dept = page.locator('[data-testid="appeal-r-d1b"]');
    expect(await dept.textContent()).toContain('公积金中心');
    expect(await dept.textContent()).toContain('2 星差评');
    expect(await dept.textContent()).toContain('恶意差评');
    expect(await dept.textContent()).toContain('该群众因材料不全未能办理');
    expect(await dept.textContent()).toContain('gjj.dapl');
    expect(await dept.locator('form').count()).toBe(1);

    const filed = page.locator('[data-testid="appeal-r-d2b"]');
    expect(await filed.textContent()).toContain('不动产登记中心');
    expect(await filed.locator('[data-testid="appeal-own"]').textContent()).toBe(
      '此申诉由您提交，不能由您本人裁定，请由另一位督查人员或管理员裁定。',
    );
    expect(await filed.locator('form').count()).toBe(0);
    expect(await page.textContent('[data-testid="desk-appeals"] h2')).toContain('2');
    await shot('desk-appeals-zh');
  });

  it('the server refuses the filer’s own decision naming it, and stores nothing', async () => {
    const sup = (await signIn(t.url, 'sup.dapl')).token;
    const [appeal] = await t.ds.query(`SELECT id FROM review_appeals WHERE review_id = 'r-d2b'`);
    const res = await call<{ field: string }>(t.url, 'POST', `/api/v1/admin/sites/${SITE}/appeals/${appeal.id}/decision`, {
      token: sup,
      body: { decision: 'upheld', note: '自己核实' },
    });
    expect([res.status, res.body.field]).toEqual([403, 'decision']);
    expect(await status('r-d2b')).toEqual({ status: 'pending', decided_by: null });
  });

  it('rejects an appeal: without a decision it says which, then the grounds are kept and audited', async () => {
    const card = page.locator('[data-testid="appeal-r-d1b"]');
    await card.locator('textarea[name="note"]').fill('调取监控，群众材料不全属实，差评不属恶意');
    await card.getByRole('button', { name: '提交裁定' }).click();
    await card.locator('.dk-ap-error').waitFor();
    expect(await card.locator('.dk-ap-error').textContent()).toBe('请选择申诉成立或驳回');
    expect(await status('r-d1b')).toEqual({ status: 'pending', decided_by: null });

    await card.getByLabel('驳回申诉').check();
    await card.getByRole('button', { name: '提交裁定' }).click();
    await page.locator('[data-testid="appeal-done"]', { hasText: '已裁定：申诉驳回' }).waitFor();
    await card.waitFor({ state: 'detached' });
    expect(await status('r-d1b')).toEqual({ status: 'rejected', decided_by: 'sup.dapl' });
    const [review] = await t.ds.query(`SELECT excluded FROM reviews WHERE event_id = 'r-d1b'`);
    expect(review.excluded).toBe(false);
    const audit = await t.ds.query(`SELECT actor, details FROM audit_log WHERE action = 'appeal.decide'`);
    expect(audit).toEqual([
      {
        actor: 'sup.dapl',
        details: expect.objectContaining({ reviewId: 'r-d1b', to: 'rejected', note: '调取监控，群众材料不全属实，差评不属恶意' }),
      },
    ]);
    expect(await page.textContent('[data-testid="decided-r-d1b"]')).toContain('调取监控');
    // The one it filed still waits for someone else.
    expect(await page.locator('[data-testid="appeal-r-d2b"] [data-testid="appeal-own"]').count()).toBe(1);
  });

  it('reads in English on the switch', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="desk-appeals"] h2')?.textContent?.includes('Appeals'));
    expect(await page.textContent('[data-testid="appeal-done"]')).toBe('Decided: Rejected');
    expect(await page.textContent('[data-testid="appeal-r-d2b"]')).toContain('You filed this appeal, so you cannot decide it');
    expect(await page.textContent('[data-testid="appeal-r-d2b"]')).toContain('Real Estate Registry');
    await shot('desk-appeals-en');
  });
});
