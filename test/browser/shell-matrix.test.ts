import { ROLES, type Role } from '@hallwatch/shared';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { isPagePath, LANDING, mayOpen, navFor, PAGES, type PagePath, type PageRule } from '../../dashboard/src/page-access';
import { ensureDemoPatrol } from '../../server/src/modules/demo/demo-patrol';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { localDay, localMidnight } from '../support/hall-day';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { insertCases, insertReviews } from '../support/review-fixtures';
import { testNow } from '../support/test-clock';

jest.setTimeout(300_000);

const DESKTOP = { width: 1440, height: 900 };
const SITE = 'huiji';
const TOWN = 'huiji-t1';
const user = (role: Role) => `mx-${role}`;
/** Every office page a role might be sent to: the pages of the table that run behind the guard. */
const GUARDED = (Object.keys(PAGES) as PagePath[]).filter((p) => PAGES[p].frame !== 'own');
type FramedAs<F extends PageRule['frame']> = { [P in PagePath]: (typeof PAGES)[P]['frame'] extends F ? P : never }[PagePath];
type OwnPath = FramedAs<'own'>;
/**
 * The guarded pages made to print, without the header: what each shows once open. A new one
 * does not compile here until it is added, so the matrix never waits for a page it cannot see.
 */
const BARE: Record<FramedAs<'bare'>, string> = { '/checkpoint-sheet': '.cs-page', '/notice': '.np-page' };
/** Whatever a guarded page shows once it has decided: the header, the refusal, or a printable page. */
const DECIDED = ['.sh-app [data-testid="nav"]', '[data-testid="not-permitted"]', ...Object.values(BARE)].join(', ');
/**
 * The pages that check their own credential, each with what shows once it is open and how it
 * says no to a role it is not for. A new page of that kind does not compile here until it is added.
 */
const OWN: Record<OwnPath, { open: string; refused?: string }> = {
  '/wall': { open: '[data-testid="wall"] .wall__body', refused: 'wall-not-permitted' },
  '/login': { open: 'form.lg-form' },
};

// The app's shell in a real browser, for every role that signs in: the navigation offers
// exactly the pages of the role (dashboard/src/page-access.ts), each other page says it is not
// for the role and offers the role's own, every role lands on its page, and a deep link
// (next=) survives the sign-in. The desk is seeded with open cases, an overdue notice and
// today's rounds, on the server's clock (any day, any hour).
describe('the app shell: role × page in a real browser', () => {
  let h: BrowserHarness;
  const now = testNow();
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

  async function seedDesk(ds: DataSource): Promise<void> {
    const [{ id }] = await ds.query(`SELECT id FROM sites WHERE code = $1`, [SITE]);
    await insertReviews(ds, id, [
      { id: 'mx-r1', at: at(-72), rating: 1, dept: 'gjj', window: '02', channel: 'pad' },
      { id: 'mx-r2', at: at(-2), rating: 2, dept: 'bdc', window: '15', channel: 'app', realName: true },
      { id: 'mx-r3', at: at(-26), rating: 1, dept: 'yb', window: '09', channel: 'sms' },
    ]);
    await ds.query(
      `INSERT INTO complaints (site_id, event_id, occurred_at, source, summary, department) VALUES ($1, 'mx-c1', $2, 'hotline_12345', $3, 'sw')`,
      [id, at(-20), '办理个税汇算时窗口让群众来回跑了三次'],
    );
    await insertCases(ds, id, [
      // The fix is overdue; then a complaint whose first call is; then two on time.
      {
        source: 'mx-r1',
        dept: 'gjj',
        opened: at(-72),
        contactDue: at(-48),
        firstContact: at(-50),
        resolveDue: at(-1),
        resolveOverdue: at(-1),
      },
      { source: 'mx-c1', kind: 'complaint', dept: 'sw', opened: at(-20), contactDue: at(-2), resolveDue: at(100), contactOverdue: at(-2) },
      { source: 'mx-r2', dept: 'bdc', realName: true, opened: at(-2), contactDue: at(22), resolveDue: at(118) },
      { source: 'mx-r3', dept: 'yb', opened: at(-26), contactDue: at(-3), firstContact: at(-20), resolveDue: at(70) },
    ]);
    await ds.query(
      `UPDATE follow_up_cases c SET "window" = r."window" FROM reviews r WHERE r.site_id = c.site_id AND r.event_id = c.source_id`,
    );
    // A finding of yesterday's first round whose notice to 不动产登记中心 has passed its deadline.
    const yesterday = new Date(now.getTime() - 86_400_000);
    const [round] = await ds.query(
      `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state, started_at, started_by, completed_at, completed_by)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, 1, 'mx-yesterday-1', '09:00', $2, $2, $2, 'done', $2, 'mx-patrol', $2, 'mx-patrol')
       RETURNING id`,
      [id, yesterday.toISOString()],
    );
    const [finding] = await ds.query(
      `INSERT INTO patrol_findings (site_id, check_event_id, round_id, day, checkpoint, department, "window", severity, note, occurred_at)
       VALUES ($1, 'mx-check-1', $2, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, 'back-office', 'bdc', '15', 'high', $4, $3)
       RETURNING id`,
      [id, round.id, yesterday.toISOString(), '后台办公区有群众等候办件，受审分离未落实'],
    );
    await ds.query(
      `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, text, issued_at, issued_by, deadline, remind_at)
       VALUES ($1, 'mx-notice-1', $2, 'bdc', $3, $4, 'mx-supervisor', $5, $5)`,
      [id, finding.id, '请于期限内整改并书面回复：群众一律在前台窗口受理。', yesterday.toISOString(), at(-2)],
    );
    // Today's rounds, all of them, planned from the hall's midnight.
    await ds.transaction((em) => ensureDemoPatrol(em, new Date(localMidnight(localDay(now.getTime())))));
  }

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await seedDemo(ds);
        await seedDesk(ds);
        for (const role of ROLES)
          await makeUserOn(
            ds,
            user(role),
            role,
            role === 'admin' ? [SITE, TOWN] : role === 'department' ? { site: SITE, department: 'gjj' } : [SITE],
          );
      },
      { FIXED_CLOCK: now.toISOString() },
    );
  });
  afterAll(() => h?.close());

  async function newPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.clock.setFixedTime(now);
    return page;
  }

  /** Signs in from the bare sign-in page, as a person would, and waits for the page it lands on. */
  async function signInAs(page: Page, role: Role): Promise<URL> {
    await page.goto(`${h.server.url}/login`);
    await submitLogin(page, user(role));
    await page.waitForURL((u) => u.pathname !== '/login');
    return new URL(page.url());
  }

  /** How far the header's navigation runs past its box at this width; 0 when every entry shows. */
  const navOverflow = async (page: Page) => {
    await page.waitForSelector('.sh-bar [data-testid="language"]');
    return page.$eval('.sh-nav', (n) => n.scrollWidth - n.clientWidth).catch(() => 0);
  };

  const navShown = (page: Page) =>
    page.$$eval('[data-testid="nav"] a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));

  it.each(ROLES.map((r) => [r]))('%s lands on its own page and is offered exactly its pages', async (role) => {
    const page = await newPage(h.browser);
    const landed = await signInAs(page, role);
    expect(landed.pathname).toBe(LANDING[role]);
    expect(landed.searchParams.get('site')).toBe(SITE);
    if (role !== 'display') expect(await navOverflow(page)).toBe(0);

    for (const path of GUARDED) {
      await page.goto(`${h.server.url}${path}?site=${SITE}`);
      await page.waitForSelector(DECIDED);
      if (mayOpen(role, path)) {
        await page.waitForFunction(() => !document.querySelector('.sh-loading'));
        expect({ path, denied: await page.$('[data-testid="not-permitted"]') }).toEqual({ path, denied: null });
      } else {
        const denied = page.getByTestId('not-permitted');
        await denied.waitFor();
        const text = (await denied.textContent()) ?? '';
        expect(text).toContain('无权限使用此页面');
        expect(text).toContain(user(role));
        // The way out is the role's own page, on the same site: no blank page, no loop. A role
        // whose page is still to come is told so instead.
        if (isPagePath(LANDING[role])) {
          const home = new URL((await page.getByTestId('go-home').getAttribute('href')) ?? '', h.server.url);
          expect(`${home.pathname}${home.search}`).toBe(`${LANDING[role]}?site=${SITE}`);
        } else {
          expect(text).toContain('尚未开放');
        }
      }
      if (PAGES[path].frame === 'shell' || !mayOpen(role, path)) {
        expect({ path, nav: await navShown(page) }).toEqual({ path, nav: navFor(role).map((e) => e.path) });
        // And the header says who is signed in.
        expect(await page.textContent('[data-testid="shell-user"]')).toContain(user(role));
      }
    }

    for (const [path, looks] of Object.entries(OWN) as Array<[OwnPath, (typeof OWN)[OwnPath]]>) {
      await page.goto(`${h.server.url}${path}?site=${SITE}`);
      if (mayOpen(role, path)) {
        await page.waitForSelector(looks.open);
      } else {
        const denied = page.getByTestId(looks.refused ?? 'not-permitted');
        await denied.waitFor();
        expect({ path, text: await denied.textContent() }).toEqual({ path, text: expect.stringContaining(user(role)) });
        const home = new URL((await denied.getByTestId('go-home').getAttribute('href')) ?? '', h.server.url);
        expect(`${home.pathname}${home.search}`).toBe(`${LANDING[role]}?site=${SITE}`);
        if (role === 'patrol') await page.screenshot({ path: join(SCREENSHOTS, `not-permitted${path.replace('/', '-')}.png`) });
      }
    }
    await page.close();
  });

  it('says so in English too, and the way out follows the language', async () => {
    const page = await newPage(h.browser);
    await signInAs(page, 'patrol');
    await page.goto(`${h.server.url}/admin?site=${SITE}`);
    await page.getByTestId('not-permitted').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-not-permitted.png') });
    await page.click('[data-testid="language"]');
    await page.getByText('This page is not for your role').waitFor();
    expect(await page.textContent('[data-testid="not-permitted"]')).toContain('“Admin” is for: Administrator.');
    expect(await page.textContent('[data-testid="go-home"]')).toBe('Go to your page: Patrol');
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-not-permitted-en.png') });
    // The choice is remembered: the next page opens in English.
    await page.click('[data-testid="go-home"]');
    await page.waitForURL((u) => u.pathname === '/patrol');
    await page.getByRole('heading', { name: 'Patrol rounds' }).waitFor();
    await page.click('[data-testid="language"]');
    await page.close();
  });

  it('returns to a deep link after sign-in, with its query, and to an unknown page with the way home', async () => {
    const page = await newPage(h.browser);
    await page.goto(`${h.server.url}/rectification?site=${SITE}&q=1`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/rectification?site=${SITE}&q=1`);
    await submitLogin(page, user('leader'));
    await page.waitForURL((u) => u.pathname === '/rectification');
    expect(new URL(page.url()).searchParams.get('q')).toBe('1');
    expect(await page.getAttribute('[data-testid="nav-rectification"]', 'aria-current')).toBe('page');

    // A link to a page that is not the leader's: said so after sign-in, not sent round again.
    const other = await newPage(h.browser);
    await other.goto(`${h.server.url}/desk`);
    await other.waitForURL(/\/login\?next=%2Fdesk/);
    await submitLogin(other, user('leader'));
    await other.getByTestId('not-permitted').waitFor();
    expect(new URL(other.url()).pathname).toBe('/desk');

    await other.goto(`${h.server.url}/no-such-page`);
    await other.getByTestId('no-such-page').waitFor();
    await other.click('[data-testid="go-home"]');
    await other.waitForURL((u) => u.pathname === '/trends');
    await other.close();
    await page.close();
  });

  it('shows the supervisor’s desk: open cases by deadline, the overdue notice, today’s rounds', async () => {
    const page = await newPage(h.browser);
    await signInAs(page, 'supervisor');
    await page.waitForSelector('[data-testid="desk-cases"] tbody tr');
    await page.waitForSelector('[data-testid="desk-notices"] li');
    await page.waitForSelector('[data-testid="desk-rounds"] li');
    expect(await page.textContent('h1')).toBe('督查工作台');
    expect(await page.textContent('[data-testid="figure-open"]')).toBe('4');
    expect(await page.textContent('[data-testid="figure-overdue"]')).toBe('2');
    expect(await page.textContent('[data-testid="figure-notices"]')).toBe('1');
    const rows = await page.$$eval('[data-testid="desk-cases"] tbody tr', (trs) =>
      trs.map((tr) => ({ overdue: tr.getAttribute('data-overdue'), text: tr.textContent ?? '' })),
    );
    // Overdue first, each by the deadline it answers to now.
    expect(rows.map((r) => r.overdue)).toEqual(['yes', 'yes', 'no', 'no']);
    expect(rows[0].text).toContain('投诉');
    expect(rows[0].text).toContain('12345 热线');
    expect(rows[1].text).toContain('公积金中心');
    expect(rows[1].text).toContain('2 号窗口');
    expect(rows[2].text).toContain('不动产登记中心');
    expect(rows[2].text).toContain('实名');
    expect(await page.textContent('[data-testid="desk-notices"]')).toContain('群众一律在前台窗口受理');
    expect(await page.locator('[data-testid="desk-rounds"] li').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk.png') });

    await page.click('[data-testid="language"]');
    await page.getByRole('heading', { name: 'Supervision desk' }).waitFor();
    expect(await page.textContent('[data-testid="desk-cases"]')).toContain('Housing Fund Centre');
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-en.png') });
    await page.click('[data-testid="language"]');
    await page.close();
  });

  it('switches the site of an account with several, keeping the page and writing the site into the address', async () => {
    const page = await newPage(h.browser);
    await signInAs(page, 'admin');
    await page.goto(`${h.server.url}/desk`);
    await page.waitForSelector('[data-testid="desk-cases"] tbody tr');
    // No site in the address: the account's first hall, written in so that a reload keeps it.
    expect(new URL(page.url()).searchParams.get('site')).toBe(SITE);
    const options = await page.$$eval('[data-testid="site-picker"] option', (os) => os.map((o) => o.textContent?.trim()));
    // The account's hall and everything under it, each site under its own town.
    expect(options.slice(0, 4)).toEqual([
      '惠济区政务服务大厅',
      '长兴路便民服务中心',
      '长兴路第1村（社区）便民服务站',
      '长兴路第2村（社区）便民服务站',
    ]);
    expect(options).toHaveLength(1 + 8 + 92);
    // The menus, the site switcher and the tools share the bar at 1440 px, in English too.
    await page.click('[data-testid="language"]');
    await page.getByRole('heading', { name: 'Supervision desk' }).waitFor();
    expect(await navOverflow(page)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-admin-en.png') });
    await page.click('[data-testid="language"]');
    await page.selectOption('[data-testid="site-picker"]', TOWN);
    await page.waitForFunction(() => document.querySelector('[data-testid="figure-open"]')?.textContent === '0');
    expect(new URL(page.url()).searchParams.get('site')).toBe(TOWN);
    expect(new URL((await page.getAttribute('[data-testid="nav-trends"]', 'href')) ?? '', h.server.url).search).toBe(`?site=${TOWN}`);
    await page.close();
  });

  it('groups an admin’s pages into menus that open by click and keyboard and close on Esc, outside and on navigation', async () => {
    const page = await newPage(h.browser);
    await signInAs(page, 'admin');
    await page.goto(`${h.server.url}/trends?site=${SITE}`);
    await page.waitForSelector('[data-testid="nav-group-daily"]');
    const expanded = (group: string) => page.getAttribute(`[data-testid="nav-group-${group}"]`, 'aria-expanded');
    // The bar holds the menus (the system menu holds /admin and /notify), nothing else.
    const bar = await page.$$eval('[data-testid="nav"] [data-nav-top]', (els) => els.map((e) => e.getAttribute('data-testid')));
    expect(bar).toEqual(['nav-group-daily', 'nav-group-analysis', 'nav-group-district', 'nav-group-system']);
    expect(await page.isVisible('[data-testid="nav-desk"]')).toBe(false);
    // The menu holding the page shown is marked, though closed.
    expect(await page.$eval('[data-testid="nav-group-analysis"]', (b) => b.closest('.sh-nav__group--on') !== null)).toBe(true);

    await page.click('[data-testid="nav-group-daily"]');
    expect(await expanded('daily')).toBe('true');
    expect(await page.isVisible('[data-testid="nav-desk"]')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-menus.png') });
    // Another menu replaces it; a click outside closes it.
    await page.click('[data-testid="nav-group-district"]');
    expect([await expanded('daily'), await expanded('district')]).toEqual(['false', 'true']);
    await page.mouse.click(700, 600);
    expect(await expanded('district')).toBe('false');

    // The keyboard: down opens onto the first page, the arrows walk it, Esc closes back to the button.
    await page.focus('[data-testid="nav-group-daily"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-desk');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-callbackChecks');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-patrol');
    await page.keyboard.press('Escape');
    expect(await expanded('daily')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-group-daily');
    // Along the bar with left and right.
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-group-analysis');
    // Focus leaving an open menu closes it.
    await page.keyboard.press('ArrowDown');
    expect(await expanded('analysis')).toBe('true');
    // Past its three pages (trends, rectification, reports) and out.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await expanded('analysis')).toBe('false');

    await page.click('[data-testid="language"]');
    await page.click('[data-testid="nav-group-district"]');
    expect(await page.textContent('[data-testid="nav-group-district"]')).toBe('District');
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-menus-en.png') });
    await page.click('[data-testid="language"]');
    // A page chosen from a menu opens, and its menu is closed there.
    await page.click('[data-testid="nav-group-analysis"]');
    await page.click('[data-testid="nav-rectification"]');
    await page.waitForURL((u) => u.pathname === '/rectification');
    await page.waitForSelector('[data-testid="nav-group-analysis"][aria-expanded="false"]');
    expect(await page.getAttribute('[data-testid="nav-rectification"]', 'aria-current')).toBe('page');
    await page.close();
  });

  it('keeps the few pages of a department flat', async () => {
    const page = await newPage(h.browser);
    await signInAs(page, 'department');
    await page.waitForSelector('[data-testid="nav-department"]');
    expect(await page.$$('[data-testid^="nav-group-"]')).toEqual([]);
    expect(await page.isVisible('[data-testid="nav-absences"]')).toBe(true);
    await page.close();
  });

  it('lists every menu open under its title in the phone drawer', async () => {
    const page = await newPage(h.browser, { width: 390, height: 844 });
    await signInAs(page, 'admin');
    await page.waitForSelector('[data-testid="menu"]');
    await page.click('[data-testid="menu"]');
    for (const key of navFor('admin').map((e) => e.key))
      expect({ key, shown: await page.isVisible(`[data-testid="nav-${key}"]`) }).toEqual({ key, shown: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-phone-menus.png') });
    // The drawer stays open across the language switch.
    await page.click('[data-testid="language"]');
    await page.locator('.sh-nav__title', { hasText: 'Daily work' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-phone-menus-en.png') });
    await page.click('[data-testid="language"]');
    await page.close();
  });

  it('folds the header into a menu on a phone', async () => {
    const page = await newPage(h.browser, { width: 390, height: 844 });
    await signInAs(page, 'supervisor');
    await page.waitForSelector('[data-testid="desk-cases"] tbody tr');
    expect(await page.isVisible('[data-testid="nav"]')).toBe(false);
    expect(await page.isVisible('[data-testid="language"]')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-phone.png') });
    await page.click('[data-testid="menu"]');
    expect(await page.isVisible('[data-testid="nav-trends"]')).toBe(true);
    expect(await page.isVisible('[data-testid="sign-out"]')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'shell-phone-menu.png') });
    const bar = await page.$eval('.sh-bar', (el) => el.getBoundingClientRect().height);
    expect(bar).toBeLessThanOrEqual(56);
    await page.close();
  });
});
