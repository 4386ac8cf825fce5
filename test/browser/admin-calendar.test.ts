import type { CalendarDayView, FollowUpListView } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

const ADMIN = 'cal-admin';
const SITE = 'hcal';
const DESKTOP = { width: 1440, height: 900 };
const NOW = testNow();
const DAY_MS = 86_400_000;
// Ingest judges a device's clock by the real time, so a review is never dated after it, even
// when the run is pinned to a later moment; the case's deadlines count from its own day either way.
const REVIEWED_AT = new Date(Math.min(NOW.getTime(), Date.now()) - 5 * 60_000);

// The hall's clock (Asia/Shanghai, no daylight saving) and the civil-service week, as the test reasons about days.
const hallDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const nextWeekday = (day: string) => {
  let d = addDays(day, 1);
  while (weekday(d) >= 6) d = addDays(d, 1);
  return d;
};
/** "Within n working days" ends at the hall's midnight after the last of them. */
const dueAfter = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`).toISOString();

// The working calendar (工作日历) on the admin page, signed in through the login page: a holiday
// entered on the screen moves the open follow-up's deadline by a working day, on the desk too;
// removing it moves the deadline back; a refused entry names its field, in Chinese and English.
// Server and page read one moment (HALLWATCH_TEST_NOW), so it holds on any day.
describe('the working calendar on the admin page (/admin?tab=calendar)', () => {
  let h: BrowserHarness;
  let page: Page;
  /** The last day of the case's first-contact deadline, as it stood before any holiday. */
  let dueDay: string;
  let caseId: string;

  const api = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`${h.server.url}/api/v1/admin${path}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as T;
  };
  const openCase = async () => (await api<FollowUpListView>(`/sites/${SITE}/follow-ups?status=open`)).cases.find((c) => c.id === caseId)!;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const text = async (selector: string) => (await page.textContent(selector))?.trim();
  /** The calendar tab, turned to the month of `day` by its link. */
  const calendarTab = async (day: string) => {
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=calendar&month=${day.slice(0, 7)}`);
    await page.waitForSelector(`[data-testid="cal-grid"][data-month="${day.slice(0, 7)}"]:not([aria-busy])`);
  };
  const deskDue = async () => {
    await page.goto(`${h.server.url}/desk?site=${SITE}`);
    return page.getAttribute(`[data-testid="case-${caseId}"] .dk-due time`, 'datetime');
  };

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, SITE, 3);
        await makeUserOn(ds, ADMIN, 'admin', 'all');
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    const key = await deviceKeyOn(h.ds, SITE);
    const posted = await postEvents(h.server.url, key, {
      events: [ev('review.submitted', { rating: 1, channel: 'pad', department: 'd1', window: 'w1' }, REVIEWED_AT, 'cal-r1')],
    });
    expect(posted.status).toBe(200);
    page = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=calendar`);
    await page.waitForURL(/\/login/);
    await submitLogin(page, ADMIN);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.waitForSelector('[data-testid="cal-grid"]:not([aria-busy])');
    const cases = (await api<FollowUpListView>(`/sites/${SITE}/follow-ups?status=open`)).cases;
    expect(cases).toHaveLength(1);
    caseId = cases[0].id;
    dueDay = hallDay(new Date(Date.parse(cases[0].contactDueAt) - 1));
    // Nothing on the calendar yet: the first working day after the review's day is its contact deadline.
    expect(dueDay).toBe(nextWeekday(hallDay(new Date(cases[0].openedAt))));
  });
  afterAll(() => h?.close());

  it('shows the month on the civil-service week and refuses a holiday without a name beside its field, storing nothing', async () => {
    expect(await text('[data-testid="cal-month"]')).toBe(`${Number(hallDay(NOW).slice(0, 4))} 年 ${Number(hallDay(NOW).slice(5, 7))} 月`);
    const today = hallDay(NOW);
    const saturday = addDays(today, 6 - weekday(today));
    const monday = addDays(today, 1 - weekday(today));
    expect(await page.getAttribute(`[data-day="${saturday}"]`, 'data-state')).toBe('rest');
    expect(await page.getAttribute(`[data-day="${monday}"]`, 'data-state')).toBe('work');

    await page.fill('input[name="from"]', dueDay);
    await page.fill('input[name="name"]', '   ');
    await page.click('[data-testid="save-calendar"]');
    await page.waitForSelector('[data-testid="error-name"]');
    expect(await text('[data-testid="error-name"]')).toBe('未保存：名称须填写，不超过 60 个字');
    expect(await api<CalendarDayView[]>(`/calendar?site=${SITE}&from=${dueDay}&to=${dueDay}`)).toEqual([]);
  });

  it('a holiday entered on the screen moves the open follow-up’s deadline by a working day, as the desk shows', async () => {
    const before = await deskDue();
    expect(before).toBe(dueAfter(dueDay));
    expect(before).toBe((await openCase()).contactDueAt);

    await calendarTab(dueDay);
    await page.fill('input[name="from"]', dueDay);
    await page.check('input[name="kind"][value="holiday"]');
    await page.fill('input[name="name"]', '临时休假日');
    await page.click('[data-testid="save-calendar"]');
    await page.waitForSelector('[data-testid="calendar-note"]');
    expect(await text('[data-testid="calendar-note"]')).toBe('已保存 1 天');
    await page.waitForSelector(`[data-day="${dueDay}"][data-state="holiday"]`);
    expect(await text(`[data-day="${dueDay}"]`)).toContain('临时休假日');
    const row = page.locator(`[data-testid="calendar-entries"] tr[data-from="${dueDay}"]`);
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain('节假日临时休假日本站点');
    await shot('admin-calendar-zh');

    // The deadline is now the end of the next working day, on the desk and in the API alike.
    const moved = dueAfter(nextWeekday(dueDay));
    expect(await deskDue()).toBe(moved);
    expect((await openCase()).contactDueAt).toBe(moved);
  });

  it('removing the holiday gives the deadline back', async () => {
    await calendarTab(dueDay);
    const row = page.locator(`[data-testid="calendar-entries"] tr[data-from="${dueDay}"]`);
    await row.getByTestId('remove-entry').click();
    await row.waitFor({ state: 'detached' });
    expect(await page.getAttribute(`[data-day="${dueDay}"]`, 'data-state')).toBe('work');
    expect((await openCase()).contactDueAt).toBe(dueAfter(dueDay));
    expect(await deskDue()).toBe(dueAfter(dueDay));
  });

  it('enters a make-up working day picked on the grid, and refuses a range that ends before it starts, in English', async () => {
    await calendarTab(hallDay(NOW));
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() =>
      /^[A-Z][a-z]+ \d{4}$/.test(document.querySelector('[data-testid="cal-month"]')?.textContent?.trim() ?? ''),
    );
    // A weekend day of the month shown: picking it offers a make-up working day.
    const saturday = (await page.getAttribute('[data-testid="cal-grid"] [data-state="rest"]:not(.cal-day--other)', 'data-day'))!;
    await page.click(`[data-day="${saturday}"]`);
    expect(await page.inputValue('input[name="from"]')).toBe(saturday);
    expect(await page.isChecked('input[name="kind"][value="workday"]')).toBe(true);
    await page.fill('input[name="to"]', addDays(saturday, -1));
    await page.fill('input[name="name"]', '调休上班');
    await page.click('[data-testid="save-calendar"]');
    await page.waitForSelector('[data-testid="error-to"]');
    expect(await text('[data-testid="error-to"]')).toBe(
      'Not saved: The end date must not be before the start date, and a range covers at most 62 days',
    );
    expect(await api<CalendarDayView[]>(`/calendar?site=${SITE}&from=${addDays(saturday, -1)}&to=${saturday}`)).toEqual([]);

    await page.fill('input[name="to"]', '');
    await page.click('[data-testid="save-calendar"]');
    await page.waitForSelector(`[data-day="${saturday}"][data-state="workday"]`);
    expect(await text('[data-testid="calendar-note"]')).toBe('Saved, 1 day(s)');
    expect(await api<CalendarDayView[]>(`/calendar?site=${SITE}&from=${saturday}&to=${saturday}`)).toEqual([
      { day: saturday, kind: 'workday', name: '调休上班', site: SITE },
    ]);
    await shot('admin-calendar-en');
    await page.click('[data-testid="language"]');
  });

  it('loads a year’s national arrangement in one click: the days off and the weekends worked in exchange', async () => {
    // A month of a year whose State Council notice the page carries, opened by its link.
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=calendar&month=2026-10`);
    await page.waitForSelector('[data-testid="cal-grid"][data-month="2026-10"]:not([aria-busy])');
    expect(await text('[data-testid="load-year"]')).toBe('载入 2026 年国家法定节假日安排');
    await page.click('[data-testid="load-year"]');
    await page.waitForSelector('[data-testid="calendar-note"]');
    expect(await text('[data-testid="calendar-note"]')).toBe('已载入 2026 年安排，共 13 项');
    await page.waitForSelector('[data-day="2026-10-01"][data-state="holiday"]');
    for (const day of ['2026-10-01', '2026-10-05', '2026-10-07']) {
      expect(await page.getAttribute(`[data-day="${day}"]`, 'data-state')).toBe('holiday');
      expect(await text(`[data-day="${day}"]`)).toContain('国庆节');
    }
    expect(await page.getAttribute('[data-day="2026-10-08"]', 'data-state')).toBe('work');
    expect(await page.getAttribute('[data-day="2026-10-10"]', 'data-state')).toBe('workday');
    const national = page.locator('[data-testid="calendar-entries"] tr[data-from="2026-10-01"]');
    expect((await national.textContent())?.replace(/\s+/g, ' ')).toContain('2026-10-01 – 2026-10-07 · 共 7 天');
    const year = await api<CalendarDayView[]>(`/calendar?site=${SITE}&from=2026-01-01&to=2026-12-31`);
    expect(year.filter((d) => d.kind === 'workday' && d.name.endsWith('调休')).map((d) => d.day)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(year.filter((d) => d.name === '春节')).toHaveLength(9);
    await shot('admin-calendar-year');
  });
});
