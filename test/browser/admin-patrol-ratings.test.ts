import type { PatrolCheckpointCodeView, PatrolScheduleView, SiteSettings } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite, servedTicket } from '../support/factories';
import { postEvents } from '../support/http';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

const ADMIN = 'ad-patrol-admin';
const SITE = 'hallp';
const DESKTOP = { width: 1440, height: 900 };
/** Hall-local day of an instant (Asia/Shanghai, no daylight saving). */
const hallDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const NOW = testNow();
const TODAY = hallDay(NOW);
// The ratings to check were given two days ago, so that they lie in the past at any hour.
const DAY = hallDay(new Date(NOW.getTime() - 2 * 86_400_000));
const at = (time: string) => new Date(`${DAY}T${time}+08:00`);

// The admin page's patrol and rating-check tabs, in Chromium at 1440×900: the round times, the
// window's lead and the minimum duration, refused beside their fields in the page's language and
// units; the checkpoints with a code rotated; the refused and unmatched ratings of a chosen day.

describe('the admin page: patrol rounds, checkpoint codes and the ratings to check', () => {
  let h: BrowserHarness;
  let page: Page;

  const api = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`${h.server.url}/api/v1/admin/sites/${SITE}${path}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as T;
  };
  const tab = async (name: string) => {
    await page.click(`[data-testid="tab-${name}-button"]`);
    await page.waitForSelector(`[data-testid="tab-${name}"]`);
  };
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const text = async (selector: string) => (await page.textContent(selector))?.trim();

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, SITE, 3);
        await makeUserOn(ds, ADMIN, 'admin', [SITE]);
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    page = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=patrol`);
    await page.waitForURL(/\/login/);
    await submitLogin(page, ADMIN);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.waitForSelector('[data-testid="checkpoints"] tr[data-checkpoint]');
  });
  afterAll(() => h?.close());

  it('refuses round settings that make no sense, beside each field, in Chinese and in the form’s units', async () => {
    await page.fill('input[name="time-0"]', '25:00');
    await page.fill('input[name="roundWindowLeadMin"]', '121');
    await page.fill('input[name="roundMinDurationSec"]', '0');
    await page.click('[data-testid="save-rounds"]');
    await page.waitForSelector('[data-testid="error-roundMinDurationSec"]');
    expect(await text('[data-testid="error-times"]')).toBe('未保存：巡查时间须写作 时:分（如 09:00），每天 1–8 轮，不可重复');
    expect(await text('[data-testid="error-roundWindowLeadMin"]')).toBe('未保存：提前开始须为 0 到 120 之间的整分钟数');
    expect(await text('[data-testid="error-roundMinDurationSec"]')).toBe('未保存：最短用时须大于 0 分钟，且不超过 60 分钟');
    await shot('admin-patrol-errors');
    // Nothing was stored.
    expect((await api<PatrolScheduleView>('/patrol/schedule')).times).not.toContain('25:00');
    expect(await api<SiteSettings>('/settings')).toMatchObject({ roundWindowLeadMin: 15, roundMinDurationSec: 300 });
  });

  it('saves the round times, the early start and the minimum duration (asked in minutes, kept in seconds)', async () => {
    await page.check('input[name="enabled"]');
    await page.fill('input[name="time-0"]', '08:30');
    await page.click('[data-testid="add-round"]');
    await page.fill('input[name="time-4"]', '17:00');
    await page.fill('input[name="roundWindowLeadMin"]', '20');
    await page.fill('input[name="roundMinDurationSec"]', '4.5');
    await page.click('[data-testid="save-rounds"]');
    await page.waitForSelector('[data-testid="rounds-saved"]');
    expect(await page.$('[data-testid="error-times"]')).toBeNull();
    const schedule = await api<PatrolScheduleView>('/patrol/schedule');
    expect(schedule).toMatchObject({ enabled: true, times: ['08:30', '11:00', '14:30', '16:30', '17:00'] });
    expect(await api<SiteSettings>('/settings')).toMatchObject({ roundWindowLeadMin: 20, roundMinDurationSec: 270 });
  });

  it('lists the checkpoints with their codes and rotates one, as the API then reports; the sheet is one click away', async () => {
    const before = await api<PatrolCheckpointCodeView[]>('/patrol/checkpoint-codes');
    expect(await page.locator('[data-testid="checkpoints"] tr[data-checkpoint]').count()).toBe(before.length);
    const row = page.locator('tr[data-checkpoint="nameplate"]');
    const old = before.find((c) => c.code === 'nameplate')!.scanCode;
    expect((await row.getByTestId('scan-code').textContent())?.replace(' ', '')).toBe(old);
    expect(await row.textContent()).toContain('初始编码');
    expect(await page.getAttribute('[data-testid="print-sheet"]', 'href')).toBe(`/checkpoint-sheet?site=${SITE}`);

    await row.getByTestId('rotate').click();
    expect(await row.textContent()).toContain('已张贴的二维码将不能再确认此后的巡查');
    await row.getByTestId('confirm-rotate').click();
    await page.waitForSelector('[data-testid="rotated"]');
    const after = (await api<PatrolCheckpointCodeView[]>('/patrol/checkpoint-codes')).find((c) => c.code === 'nameplate')!;
    expect(after.scanCode).not.toBe(old);
    expect((await row.getByTestId('scan-code').textContent())?.replace(' ', '')).toBe(after.scanCode);
    expect(await text('[data-testid="rotated"]')).toContain(`${after.scanCode.slice(0, 4)} ${after.scanCode.slice(4)}`);
    expect(await row.textContent()).toContain(new Date(after.since!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }));
    await shot('admin-patrol');
  });

  it('reads in English, refusals included', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Administration'));
    expect(await text('[data-testid="round-settings"] h2')).toBe('Patrol rounds');
    await page.fill('input[name="roundMinDurationSec"]', '61');
    await page.click('[data-testid="save-rounds"]');
    await page.waitForSelector('[data-testid="error-roundMinDurationSec"]');
    expect(await text('[data-testid="error-roundMinDurationSec"]')).toBe(
      'Not saved: Minimum duration must be more than 0 minutes and at most 60',
    );
    await shot('admin-patrol-en');
    await page.fill('input[name="roundMinDurationSec"]', '4.5');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('系统管理'));
  });

  it('lists the ratings refused as already rated and those matching no service, for the day chosen', async () => {
    const key = await deviceKeyOn(h.ds, SITE, 'pad-2');
    const post = async (events: unknown[]) => {
      const res = await postEvents(h.server.url, key, { events });
      expect(res.status).toBe(200);
      return res.body.results;
    };
    await post(servedTicket('A001', [at('09:00:00'), at('09:05:00'), at('09:15:00')]));
    await post([ev('ticket.issued', { ticket: 'A002', department: 'd2', channel: 'walk_in' }, at('10:00:00'))]);
    const rating = (data: Record<string, unknown>, time: string, id: string) =>
      ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1', ...data }, at(time), id);
    const results = await post([
      rating({ ticket: 'A001', window: 'w1' }, '09:16:00', 'r-a001'),
      rating({ ticket: 'A001', window: 'w1', rating: 1 }, '09:16:20', 'r-a001-again'),
      rating({ ticket: 'A001', window: 'w1' }, '09:16:40', 'r-a001-third'),
      rating({ window: 'w2', phone: '13800001111' }, '11:00:00', 'r-phone'),
      rating({ window: 'w2', phone: '138-0000-1111', rating: 2 }, '11:00:30', 'r-phone-again'),
      rating({ ticket: 'B999', department: 'd2' }, '11:30:00', 'r-never'),
      rating({ ticket: 'A002', department: 'd2', rating: 3 }, '11:40:00', 'r-unserved'),
    ]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => r.id)).toEqual(['r-a001-again', 'r-a001-third', 'r-phone-again']);

    await tab('ratings');
    // Today first: nothing to check today.
    expect(await page.inputValue('[data-testid="ratings-day"]')).toBe(TODAY);
    await page.waitForSelector('[data-testid="refused-ratings"] td.office-muted');
    expect(await text('[data-testid="refused-ratings"] tbody')).toBe('当日没有');

    await page.fill('[data-testid="ratings-day"]', DAY);
    await page.waitForSelector('[data-testid="refused-ratings"] tr[data-id="r-phone-again"]');
    await page.waitForSelector('[data-testid="unmatched-ratings"] tr[data-id="r-never"]');
    const refused = page.locator('[data-testid="refused-ratings"] tbody tr');
    expect(await refused.count()).toBe(3);
    const again = await text('[data-testid="refused-ratings"] tr[data-id="r-a001-again"]');
    expect(again).toContain('1 非常不满意');
    expect(again).toContain('号 A001');
    expect(again).toContain('r-a001');
    expect(again).toContain('pad-2');
    expect(await text('[data-testid="refused-ratings"] tr[data-id="r-phone-again"]')).toContain('同一手机号');
    expect(await text('[data-testid="unmatched-ratings"] tr[data-id="r-never"]')).toContain('当日无此号');
    expect(await text('[data-testid="unmatched-ratings"] tr[data-id="r-unserved"]')).toContain('该号未办结');
    expect(await page.locator('[data-testid="unmatched-ratings"] tbody tr').count()).toBe(2);
    await page.locator('[data-testid="ratings-day"]').blur();
    await shot('admin-ratings');

    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Administration'));
    expect(await text('[data-testid="refused-ratings"] tr[data-id="r-a001-again"]')).toContain('1 Very dissatisfied');
    expect(await text('[data-testid="unmatched-ratings"] tr[data-id="r-unserved"]')).toContain('Ticket not served to completion');
    await shot('admin-ratings-en');
    await page.click('[data-testid="language"]');
  });
});
