import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn, PASSWORD } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';

jest.setTimeout(240_000);

const ADMIN = 'ad-admin';
const LEADER = 'ad-leader';
const DESKTOP = { width: 1440, height: 900 };

describe('the administrator’s page (/admin) in a real browser', () => {
  let h: BrowserHarness;
  let page: Page;

  /** What the admin API says now, under the admin's own session (as the page sees it). */
  const api = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`${h.server.url}/api/v1/admin${path}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as T;
  };
  const tab = async (name: string) => {
    await page.click(`[data-testid="tab-${name}-button"]`);
    await page.waitForSelector(`[data-testid="tab-${name}"]`);
  };
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    h = await startBrowserHarness(async (ds) => {
      await makeSite(ds, 'hall1', 3);
      await makeSite(ds, 'hall2', 1);
      // A hall on another clock: the page must show its times in it, not in a zone of its own.
      await ds.query(`UPDATE sites SET timezone = 'America/New_York' WHERE code = 'hall2'`);
      await makeUserOn(ds, ADMIN, 'admin', ['hall1', 'hall2']);
      await makeUserOn(ds, LEADER, 'leader', ['hall1']);
    });
    page = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    // Not signed in: the page sends the admin to /login and back.
    await page.goto(`${h.server.url}/admin?site=hall1`);
    await page.waitForURL(/\/login\?next=%2Fadmin/);
    await submitLogin(page, ADMIN);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.waitForSelector('[data-testid="tab-accounts"] tr[data-username="ad-admin"]');
  });

  afterAll(() => h?.close());

  it('creates an account and lists it, and shows the API’s field errors beside the fields, in Chinese', async () => {
    expect(await page.textContent('h1')).toContain('系统管理');
    await page.fill('input[name="username"]', 'Bad Name!');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('[data-testid="create-account"]');
    expect(await page.textContent('[data-testid="error-username"]')).toBe('用户名须为 3–64 个小写字母、数字或 . _ -，以字母或数字开头');

    await page.fill('input[name="username"]', 'zhang.wei');
    await page.fill('input[name="password"]', 'short');
    await page.click('[data-testid="create-account"]');
    expect(await page.textContent('[data-testid="error-password"]')).toMatch(/^密码须为 12–128 个字符/);
    expect(await page.$('[data-testid="error-username"]')).toBeNull();
    await shot('admin-accounts-error');

    await page.selectOption('select[name="role"]', 'patrol');
    await page.fill('input[name="password"]', 'a walk around the hall at nine');
    await page.click('[data-testid="create-account"]');
    const row = page.locator('tr[data-username="zhang.wei"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('巡查人员');
    const users = await api<Array<{ username: string; role: string; sites: string[] }>>('/users');
    expect(users.find((u) => u.username === 'zhang.wei')).toMatchObject({ role: 'patrol', sites: ['hall1'] });

    await row.locator('[data-testid="toggle-disabled"]').click();
    await page.waitForSelector('tr[data-username="zhang.wei"][data-disabled="yes"]');
    expect(await row.textContent()).toContain('已停用');
    await shot('admin-accounts');
  });

  it('makes a department account bound to a department chosen from the site, naming the missing department first', async () => {
    await page.fill('input[name="username"]', 'gjj.hall1');
    await page.selectOption('select[name="role"]', 'department');
    await page.waitForSelector('select[name="department"] option[value="d2"]', { state: 'attached' });
    await page.fill('input[name="password"]', 'a department that answers its notices');
    await page.click('[data-testid="create-account"]');
    expect(await page.textContent('[data-testid="error-department"]')).toBe('进驻部门账号须选择所属站点登记的一个部门');
    await page.selectOption('select[name="department"]', 'd2');
    await page.click('[data-testid="create-account"]');
    const row = page.locator('tr[data-username="gjj.hall1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('进驻部门 · d2');
    const users = await api<Array<{ username: string; role: string; sites: string[]; department: string | null }>>('/users');
    expect(users.find((u) => u.username === 'gjj.hall1')).toMatchObject({ role: 'department', sites: ['hall1'], department: 'd2' });
    await shot('admin-department-account');
  });

  it('issues a device key once, which the ingest API accepts until it is revoked', async () => {
    await tab('device-keys');
    await page.fill('input[name="deviceKeyName"]', '1 号取号机');
    await page.click('[data-testid="tab-device-keys"] button[type="submit"]');
    const key = (await page.locator('[data-testid="issued-key"]').textContent()) ?? '';
    expect(await page.textContent('[data-testid="secret-once"]')).toContain('唯一一次显示');
    await shot('admin-device-key');

    const event = () => ({ events: [ev('ticket.issued', { ticket: 'A001', department: 'd1', channel: 'walk_in' })] });
    const accepted = await postEvents(h.server.url, key, event());
    expect(accepted.status).toBe(200);
    expect(accepted.body.results.map((r) => r.status)).toEqual(['accepted']);

    await page.click('[data-testid="secret-close"]');
    await page.click('[data-testid="device-keys"] tr[data-revoked="no"] [data-testid="revoke"]');
    expect(await page.textContent('.ad-confirm')).toContain('确认吊销“1 号取号机”');
    await page.click('[data-testid="confirm-revoke"]');
    await page.waitForSelector('[data-testid="device-keys"] tr[data-revoked="yes"]');
    const refused = await postEvents(h.server.url, key, event());
    expect(refused.status).toBe(401);
  });

  it('issues a display token with its wall address, and the wall opens with it', async () => {
    await tab('display-tokens');
    await page.fill('input[name="displayTokenName"]', '监督室电视');
    await page.click('[data-testid="tab-display-tokens"] button[type="submit"]');
    const address = (await page.locator('[data-testid="wall-address"]').textContent()) ?? '';
    const token = (await page.locator('[data-testid="issued-token"]').textContent()) ?? '';
    expect(address).toBe(`${h.server.url}/wall?site=hall1&token=${encodeURIComponent(token)}`);
    await page.waitForSelector('[data-testid="display-tokens"] tr[data-revoked="no"]');
    await shot('admin-display-token');

    // A browser with no session: the token alone opens the wall.
    const tv = await h.browser.newPage({ viewport: DESKTOP });
    await tv.goto(address);
    await tv.waitForSelector('[data-testid="queue.waiting"]');
    expect(await tv.$('[data-testid="wall-sign-in"]')).toBeNull();
    await tv.close();
  });

  it('closes a window, as the API then reports', async () => {
    await tab('windows');
    await page.waitForSelector('tr[data-code="w2"][data-open="yes"]');
    await page.click('tr[data-code="w2"] [data-testid="toggle-window"]');
    await page.waitForSelector('tr[data-code="w2"][data-open="no"]');
    const w2 = await api<{ isOpen: boolean }>('/sites/hall1/windows/w2');
    expect(w2.isOpen).toBe(false);
    await shot('admin-windows');
  });

  it('changes a threshold, as the API then reports, and shows a refused one beside its field in the form’s units', async () => {
    await tab('settings');
    await page.fill('input[name="waitWarnRatio"]', '150');
    await page.click('[data-testid="save-settings"]');
    // The form asks for a percentage: the error speaks of one, not of the API's ratio.
    expect(await page.textContent('[data-testid="error-waitWarnRatio"]')).toContain('预警比例须为 0 到 100 之间的百分数');
    await shot('admin-settings-error');

    await page.fill('input[name="waitWarnRatio"]', '75');
    await page.fill('input[name="waitTargetSec"]', '20');
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="settings-saved"]');
    const settings = await api<{ waitTargetSec: number; waitWarnRatio: number }>('/sites/hall1/settings');
    expect(settings).toMatchObject({ waitTargetSec: 1200, waitWarnRatio: 0.75 });
  });

  it('sets the alert thresholds and the lunch break, and names a lunch break that ends before it starts', async () => {
    await page.fill('input[name="unattendedWindowSec"]', '10');
    await page.fill('input[name="windowImbalanceMax"]', '1.5');
    await page.fill('input[name="lunchBreak.from"]', '13:30');
    await page.fill('input[name="lunchBreak.to"]', '12:00');
    await page.click('[data-testid="save-settings"]');
    expect(await page.textContent('[data-testid="error-lunchBreak"]')).toContain('午休结束时间须写作 HH:MM，且晚于开始时间');
    await page.fill('input[name="lunchBreak.from"]', '12:00');
    await page.fill('input[name="lunchBreak.to"]', '13:30');
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="settings-saved"]');
    await shot('admin-settings-alerts');
    expect(await api('/sites/hall1/settings')).toMatchObject({
      unattendedWindowSec: 600,
      windowImbalanceMax: 1.5,
      badReviewAlertRating: 2,
      lunchBreak: { from: '12:00', to: '13:30' },
    });
  });

  it('sets the opening hours and days, naming a closing time before opening, a week with no open day and a blank threshold', async () => {
    await page.fill('input[name="waitTargetSec"]', '');
    await page.click('[data-testid="save-settings"]');
    expect(await page.textContent('[data-testid="error-waitTargetSec"]')).toBe('未保存：等候目标（分钟）须填写数字');
    await page.fill('input[name="waitTargetSec"]', '20');
    await page.fill('input[name="hours.opens"]', '18:00');
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="error-hours"]');
    expect(await page.textContent('[data-testid="error-hours"]')).toBe('未保存：关门时间须写作 HH:MM（24 小时制），且晚于开门时间');
    await page.fill('input[name="hours.opens"]', '08:00');
    await page.fill('input[name="hours.closes"]', '18:00');
    for (const d of [1, 2, 3, 4, 5]) await page.uncheck(`input[name="hours.weekday-${d}"]`);
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="error-hours-weekdays"]');
    expect(await page.textContent('[data-testid="error-hours-weekdays"]')).toBe('未保存：开放日须至少选择一天');
    // Nothing of the refused hours was stored.
    expect((await api<{ hours: unknown }>('/sites/hall1/settings')).hours).toEqual({
      opens: '08:30',
      closes: '17:30',
      weekdays: [1, 2, 3, 4, 5],
    });

    for (const d of [1, 2, 3, 4, 5, 6]) await page.check(`input[name="hours.weekday-${d}"]`);
    await page.click('[data-testid="save-settings"]');
    await page.waitForSelector('[data-testid="settings-saved"]');
    expect(await page.$('[data-testid="error-hours"]')).toBeNull();
    expect((await api<{ hours: unknown }>('/sites/hall1/settings')).hours).toEqual({
      opens: '08:00',
      closes: '18:00',
      weekdays: [1, 2, 3, 4, 5, 6],
    });
    await shot('admin-settings-hours');
  });

  it('reads in English after the switch', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Administration'));
    // A refusal reads in the page's language too.
    await page.fill('input[name="surgeFactor"]', '0.5');
    await page.click('[data-testid="save-settings"]');
    expect(await page.textContent('[data-testid="error-surgeFactor"]')).toBe('Not saved: Surge factor must be above 1, e.g. 2');
    await shot('admin-settings-en');
    await tab('accounts');
    expect(await page.textContent('tr[data-username="zhang.wei"]')).toContain('Disabled');
    await shot('admin-accounts-en');
    await page.click('[data-testid="language"]');
  });

  it('shows times on the clock of the chosen site', async () => {
    const users = await api<Array<{ username: string; passwordChangedAt: string }>>('/users');
    const changed = new Date(users.find((u) => u.username === ADMIN)!.passwordChangedAt);
    const shown = () => page.textContent(`tr[data-username="${ADMIN}"] td:nth-child(5)`);
    const onClock = (timeZone: string) => changed.toLocaleString('zh-CN', { timeZone, hour12: false });
    await tab('accounts');
    expect(await shown()).toBe(onClock('Asia/Shanghai'));
    await page.selectOption('[data-testid="site-picker"]', 'hall2');
    await page.waitForFunction(
      (text) => document.querySelector('tr[data-username="ad-admin"] td:nth-child(5)')?.textContent === text,
      onClock('America/New_York'),
    );
    await page.selectOption('[data-testid="site-picker"]', 'hall1');
  });

  it('tells a leader that the page is not theirs', async () => {
    const leader = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await leader.goto(`${h.server.url}/admin`);
    await leader.waitForURL(/\/login\?next=/);
    await submitLogin(leader, LEADER);
    await leader.waitForURL((u) => u.pathname === '/admin');
    const denied = leader.locator('[data-testid="not-permitted"]');
    await denied.waitFor();
    expect(await denied.textContent()).toContain('无权限');
    expect(await leader.$('[data-testid="tab-accounts-button"]')).toBeNull();
    await leader.screenshot({ path: join(SCREENSHOTS, 'admin-not-permitted.png') });
    await leader.close();
  });
});
