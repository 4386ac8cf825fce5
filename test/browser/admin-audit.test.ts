import { Workbook } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { call, login, makeUserOn, signIn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

const ADMIN = 'au-admin';
const SUPERVISOR = 'au-sup';
const SITE = 'haud';
const OTHER = 'haud2';
const DESKTOP = { width: 1440, height: 900 };
const NOW = testNow();
const hallDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// The audit log (审计日志) on the admin page, signed in through the login page: who, what, when and
// site narrow the list, each act reads in the page's language, paging walks the whole set, and the
// Excel export holds exactly the rows the screen lists. Only administrators may read it.
describe('the audit log on the admin page (/admin?tab=audit)', () => {
  let h: BrowserHarness;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const text = async (selector: string) => (await page.textContent(selector))?.trim();
  /** Sets the filters the test names (the others cleared) and waits for the list they give. */
  const filter = async (f: Partial<Record<'actor' | 'action' | 'site' | 'from' | 'to', string>>) => {
    await page.click('text=清除条件');
    await page.waitForSelector('[data-testid="audit-entries"]:not([aria-busy])');
    if (f.actor !== undefined) await page.fill('input[name="actor"]', f.actor);
    if (f.action !== undefined) await page.selectOption('select[name="action"]', f.action);
    if (f.site !== undefined) await page.selectOption('select[name="site"]', f.site);
    if (f.from !== undefined) await page.fill('input[name="from"]', f.from);
    if (f.to !== undefined) await page.fill('input[name="to"]', f.to);
    await page.click('[data-testid="audit-search"]');
    await page.waitForSelector('[data-testid="audit-entries"]:not([aria-busy])');
  };
  const listed = () =>
    page.$$eval('[data-testid="audit-entries"] tbody tr[data-id]', (rows) => rows.map((r) => r.getAttribute('data-id')!));
  const count = async (where: string, args: unknown[] = []) =>
    Number((await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE ${where}`, args))[0].n);

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, SITE, 2);
        await makeSite(ds, OTHER, 1);
        await makeUserOn(ds, ADMIN, 'admin', 'all');
        await makeUserOn(ds, SUPERVISOR, 'supervisor', [SITE]);
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    // What the log is to hold: the supervisor signing in, failing once, and being refused the log;
    // a calendar edit of one site; and sixty account changes, enough for two pages.
    const sup = await signIn(h.server.url, SUPERVISOR);
    expect((await login(h.server.url, SUPERVISOR, 'not the password at all')).status).toBe(401);
    expect((await call(h.server.url, 'GET', '/api/v1/admin/audit', { token: sup.token })).status).toBe(403);
    const admin = await signIn(h.server.url, ADMIN);
    const edit = await call(h.server.url, 'PUT', `/api/v1/admin/calendar?site=${SITE}`, {
      token: admin.token,
      body: { from: addDays(hallDay(NOW), 30), kind: 'holiday', name: '审计测试假日' },
    });
    expect(edit.status).toBe(200);
    await h.ds.query(
      `INSERT INTO audit_log (at, actor, role, action, target, site, details)
       SELECT $1::timestamptz - make_interval(secs => n), 'au-pager', 'admin', 'registry.staff.update', 'staff:s' || n, $2, '{"fields": ["name"]}'
       FROM generate_series(1, 60) n`,
      [NOW, OTHER],
    );

    page = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=audit`);
    await page.waitForURL(/\/login/);
    await submitLogin(page, ADMIN);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.waitForSelector('[data-testid="audit-entries"]:not([aria-busy])');
  });
  afterAll(() => h?.close());

  it('lists the newest first, each act in Chinese, and narrows by who and what', async () => {
    const first = await listed();
    expect(first).toHaveLength(50);
    expect(first.map(Number)).toEqual([...first.map(Number)].sort((a, b) => b - a));

    await filter({ actor: SUPERVISOR });
    const bySup = await listed();
    expect(bySup).toHaveLength(await count(`actor = $1`, [SUPERVISOR]));
    expect(
      await page.$$eval('[data-testid="audit-entries"] tbody tr', (rows) => rows.every((r) => r.textContent?.includes('au-sup'))),
    ).toBe(true);
    await shot('admin-audit-zh');

    await filter({ actor: SUPERVISOR, action: 'login.failed' });
    expect(await listed()).toHaveLength(1);
    const failed = await text('[data-testid="audit-entries"] tbody tr[data-action="login.failed"]');
    expect(failed).toContain('登录失败');
    expect(failed).toContain('督查人员');

    await filter({ actor: SUPERVISOR, action: 'access.denied' });
    expect(await listed()).toHaveLength(1);
    const refusal = await text('[data-testid="audit-entries"] tbody tr[data-action="access.denied"]');
    expect(refusal).toContain('拒绝访问');
    expect(refusal).toContain('au-sup');
  });

  it('narrows by site and by family of actions, and by the hall’s days', async () => {
    await filter({ site: SITE, action: 'calendar.' });
    expect(await listed()).toHaveLength(1);
    const row = await text('[data-testid="audit-entries"] tbody tr[data-action="calendar.set"]');
    expect(row).toContain('设置节假日或调休');
    expect(row).toContain('au-admin');
    expect(row).toContain(`日历 ${addDays(hallDay(NOW), 30)}`);
    expect(row).toContain('测试大厅 haud');

    // Everything the server recorded happened today on the hall's clock; nothing tomorrow.
    await filter({ actor: SUPERVISOR, from: hallDay(NOW), to: hallDay(NOW) });
    expect(await listed()).toHaveLength(await count(`actor = $1`, [SUPERVISOR]));
    await filter({ actor: SUPERVISOR, from: addDays(hallDay(NOW), 1) });
    expect(await listed()).toHaveLength(0);
    expect(await text('[data-testid="audit-entries"] tbody')).toBe('没有符合条件的记录');
  });

  it('refuses an end date before the start date beside the field, in Chinese, and keeps the list it had', async () => {
    await filter({ actor: SUPERVISOR });
    const before = await listed();
    await page.fill('input[name="from"]', hallDay(NOW));
    await page.fill('input[name="to"]', addDays(hallDay(NOW), -1));
    await page.click('[data-testid="audit-search"]');
    await page.waitForSelector('[data-testid="error-to"]');
    expect(await text('[data-testid="error-to"]')).toBe('条件有误，未查询：结束日期不能早于开始日期');
    expect(await page.getAttribute('input[name="to"]', 'aria-invalid')).toBe('true');
    expect(await listed()).toEqual(before);
  });

  it('pages through a long list and back', async () => {
    await filter({ actor: 'au-pager' });
    const one = await listed();
    expect(one).toHaveLength(50);
    expect(await text('[data-testid="audit-page"]')).toBe('第 1 页 · 本页 50 条');
    await page.click('[data-testid="audit-older"]');
    await page.waitForSelector('[data-testid="audit-page"]:text("第 2 页")');
    const two = await listed();
    expect(two).toHaveLength(10);
    expect(Number(two[0])).toBeLessThan(Number(one[49]));
    expect(await page.isDisabled('[data-testid="audit-older"]')).toBe(true);
    await page.click('[data-testid="audit-newer"]');
    await page.waitForSelector('[data-testid="audit-page"]:text("第 1 页")');
    expect(await listed()).toEqual(one);
    expect(await text('[data-testid="audit-entries"] tbody tr')).toContain('修改工作人员');
  });

  it('exports exactly the rows the filtered screen lists, with the acts named in Chinese', async () => {
    await filter({ actor: SUPERVISOR });
    const shown = await listed();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="audit-export"]')]);
    expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.findIndex((x) => x.startsWith(name)) + 1;
    const ids: string[] = [];
    const names: string[] = [];
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      ids.push(String(r.getCell(col('编号')).value));
      names.push(String(r.getCell(col('操作说明')).value));
      expect(r.getCell(col('操作人')).value).toBe(SUPERVISOR);
    });
    expect(ids).toEqual(shown);
    expect(names).toContain('登录失败');
    expect(names).toContain('拒绝访问');
    // Taking the log away is itself recorded.
    expect(await count(`action = 'audit.export' AND actor = $1`, [ADMIN])).toBe(1);
  });

  it('reads in English', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Administration'));
    await page.click('text=Clear filters');
    await page.fill('input[name="actor"]', SUPERVISOR);
    await page.click('[data-testid="audit-search"]');
    await page.waitForSelector('[data-testid="audit-entries"] tbody tr[data-action="login.failed"]');
    expect(await text('[data-testid="audit-entries"] tbody tr[data-action="login.failed"]')).toContain('Sign-in failed');
    expect(await text('[data-testid="audit-entries"] tbody tr[data-action="login.failed"]')).toContain('Supervisor');
    await shot('admin-audit-en');
    await page.click('[data-testid="language"]');
  });
});
