import { BreakdownView, goodRate, RankingRow, RankingView, rectifyRate, SiteComparisonView, TrendSeriesView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { registryPoints, seedReviewHistory } from '../../server/src/modules/reviews/review-history-seed';
import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { addDays, localDay } from '../../server/src/core/time/zoned-time';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { insertReviews, insertTickets } from '../support/review-fixtures';
import { REVIEWS_ADMIN_TOKEN } from '../support/reviews-api';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

const LEADER = 'tr-leader';
const DESKTOP = { width: 1600, height: 1000 };
const PHONE = { width: 390, height: 844 };
// The page's writing rule for a rate, restated here: a percentage cut to one decimal.
const percent = (v: number | null) => (v === null ? '—' : `${(Math.floor(v * 1000 + 1e-6) / 10).toFixed(1)}%`);

// The server, the page and the seeded history all read one moment, so the test holds on any
// day and hour (see test/support/test-clock.ts to run it at a chosen one).
describe('the leaders’ trends page (/trends) in a real browser', () => {
  let h: BrowserHarness;
  const now = testNow();
  const today = localDay(now, 'Asia/Shanghai');
  const api = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`${h.server.url}/api/v1/admin${path}`, { headers: { authorization: `Bearer ${REVIEWS_ADMIN_TOKEN}` } })
    ).json()) as T;

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await seedDemo(ds);
        const [{ id }] = await ds.query(`SELECT id FROM sites WHERE code = 'huiji'`);
        // Thirteen months of the demo hall, so that every period has one before it.
        const from = addDays(today, -400);
        await seedReviewHistory(ds, {
          points: await registryPoints(ds, id),
          from,
          to: today,
          tickets: 40_000,
          prefix: 'bt',
          timeZone: 'Asia/Shanghai',
          now,
        });
        // A town centre and one of its villages with figures of their own, to compare with the hall.
        const local: string[] = [];
        for (const [code, ratings] of [
          ['huiji-t1', [5, 5, 4, 2]],
          ['huiji-t1-v2', [5, 1, 1]],
        ] as const) {
          const [site] = await ds.query(`SELECT id FROM sites WHERE code = $1`, [code]);
          local.push(site.id);
          const at = `${today}T09:30:00+08:00`;
          await insertReviews(
            ds,
            site.id,
            ratings.map((rating, i) => ({ id: `${code}-${i}`, at, rating, dept: 'mz' })),
          );
          await insertTickets(
            ds,
            site.id,
            ratings.map((_, i) => ({ day: today, ticket: `L${i}`, dept: 'mz' })),
          );
        }
        await new RollupService(ds).rebuild([id, ...local], from, today);
        await makeUserOn(ds, LEADER, 'leader', ['huiji']);
      },
      { ADMIN_TOKEN: REVIEWS_ADMIN_TOKEN, FIXED_CLOCK: now.toISOString() },
    );
  });

  /** A browser page whose clock reads the test's moment, as the server's does. */
  async function newPage(options: Parameters<Browser['newPage']>[0]): Promise<Page> {
    const page = await h.browser.newPage(options);
    await page.clock.setFixedTime(now);
    return page;
  }

  afterAll(() => h?.close());

  /** A leader not signed in yet opens the page: it sends them to /login, and back after signing in. */
  async function openSignedIn(page: Page, path: string): Promise<void> {
    await page.goto(`${h.server.url}${path}`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, LEADER);
    await page.waitForURL((u) => u.pathname === '/trends');
    await page.waitForSelector('[data-testid="card-goodRate-value"]');
    await page.waitForSelector('[data-testid="ranking-windows"] tbody tr');
    await page.waitForFunction(() => document.querySelector('.tr-page')?.getAttribute('data-loading') === 'no');
  }

  it('sends a visitor who is not signed in to /login and back, and shows the rates the API computes, in Chinese', async () => {
    const page = await newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await page.goto(`${h.server.url}/trends`);
    await page.waitForURL(/\/login\?next=/);
    // Back to the address opened: the shell asks who is there before the page shows anything.
    expect(new URL(page.url()).searchParams.get('next')).toBe('/trends');
    await page.getByTestId('sign-in-needed').waitFor();
    expect(await page.textContent('[data-testid="sign-in-needed"]')).toContain('此页面需要登录');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-redirect.png') });
    await openSignedIn(page, '/trends');
    expect(await page.textContent('h1')).toContain('好差评满意度趋势');
    expect(await page.textContent('[data-testid="sign-out"]')).toBe('退出登录');

    const q = new URL(page.url()).searchParams;
    const series = await api<TrendSeriesView>(`/trends/series?site=huiji&scope=site&from=${q.get('from')}&to=${q.get('to')}`);
    expect(series.totals.reviews).toBeGreaterThan(1_000);
    expect(await page.textContent('[data-testid="card-goodRate-value"]')).toBe(percent(goodRate(series.totals)));
    expect(await page.textContent('[data-testid="card-rectifyRate-value"]')).toBe(percent(rectifyRate(series.totals)));

    // Item 46: the month's ranking separates the departments whose figures differ, and ties only
    // identical ones (early in a month two departments may well hold the same few reviews).
    const ranking = await api<RankingView>(`/trends/ranking?site=huiji&unit=department&month=${today.slice(0, 7)}`);
    const figures = (r: RankingRow) => `${r.reviews}/${r.good}/${r.bad}/${r.completed}`;
    const neighbours = ranking.rows
      .slice(1)
      .map((r, i) => ({ place: [ranking.rows[i].place, r.place], figures: [ranking.rows[i], r].map(figures) }));
    expect(neighbours.filter((n) => (n.place[0] === n.place[1]) !== (n.figures[0] === n.figures[1]))).toEqual([]);
    const shownPlaces = await page.$$eval('[data-testid="ranking-departments"] tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-place')),
    );
    expect(shownPlaces).toEqual(ranking.rows.map((r) => String(r.place)));
    const firstReason = await page.textContent('[data-testid="ranking-departments"] tbody tr:first-child .tr-reason');
    expect(firstReason).toBe(ranking.rows[0].reason.zh);
    if (ranking.rows[1]?.place === 2 && ranking.rows[0].reviews > 0) expect(firstReason).toMatch(/第2名/);

    await page.screenshot({ path: join(SCREENSHOTS, 'trends.png'), fullPage: true });
    // The session cookie carries on: a second navigation does not ask again.
    await page.goto(`${h.server.url}/trends?grain=month&site=huiji`);
    await page.waitForSelector('[data-testid="card-goodRate-value"]');
    expect(new URL(page.url()).pathname).toBe('/trends');
    await page.waitForFunction(() => document.querySelector('.tr-page')?.getAttribute('data-loading') === 'no');
    await page.waitForSelector('[data-testid="ranking-windows"] tbody tr');
    await page.screenshot({ path: join(SCREENSHOTS, 'trends-month.png'), fullPage: true });
    await page.close();
  });

  it('in English names the hall, its departments and windows in English, as the registry has them', async () => {
    const page = await newPage({ viewport: DESKTOP });
    await openSignedIn(page, '/trends?site=huiji');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Satisfaction'));
    const cjk = /[\u4e00-\u9fff]/;
    expect(await page.textContent('h1')).toContain('Huiji District Service Hall');
    const texts = (sel: string) => page.$$eval(sel, (els) => els.map((e) => e.textContent ?? ''));
    const departments = await texts('select:has(option[value="gjj"]) option');
    expect(departments).toContain('Housing Fund Centre');
    expect(departments.filter((d) => cjk.test(d))).toEqual([]);
    const breakdown = await texts('[data-testid="breakdown"] tbody td:first-child');
    expect(breakdown.length).toBeGreaterThan(10);
    expect(breakdown.filter((d) => cjk.test(d))).toEqual([]);
    const windows = await texts('[data-testid="ranking-windows"] tbody td:nth-child(2)');
    expect(windows.length).toBeGreaterThan(10);
    expect(windows.filter((w) => !/^Window \d+ \(/.test(w) || cjk.test(w))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'trends-english.png'), fullPage: true });
    await page.close();
  });

  it.each(['zh', 'en'])('at 1280×800 in %s, each monthly ranking shows its reasons whole, without running off its panel', async (lang) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    await openSignedIn(page, '/trends?site=huiji');
    if (lang === 'en') {
      await page.click('[data-testid="language"]');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Satisfaction'));
    }
    for (const id of ['ranking-departments', 'ranking-windows']) {
      const box = await page.$eval(`[data-testid="${id}"] .tr-scroll`, (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect({ id, overflowPx: Math.max(0, box.scroll - box.client) }).toEqual({ id, overflowPx: 0 });
      // A reason wrapped to a few characters a line is as unreadable as a clipped one.
      const narrowest = await page.$$eval(`[data-testid="${id}"] tbody .tr-reason`, (els) =>
        Math.min(...els.map((e) => e.getBoundingClientRect().width)),
      );
      expect(narrowest).toBeGreaterThanOrEqual(180);
    }
    await page.close();
  });

  it.each(['zh', 'en'])('at 1440×900 in %s, sits under the app header with trends marked as the page open', async (lang) => {
    const page = await newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await openSignedIn(page, '/trends?site=huiji');
    if (lang === 'en') {
      await page.click('[data-testid="language"]');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Satisfaction'));
    }
    expect(await page.getAttribute('[data-testid="nav-trends"]', 'aria-current')).toBe('page');
    expect(await page.textContent('[data-testid="nav-trends"]')).toBe(lang === 'en' ? 'Trends' : '满意度趋势');
    await page.screenshot({ path: join(SCREENSHOTS, `trends-1440${lang === 'en' ? '-en' : ''}.png`) });
    await page.close();
  });

  it('compares sites side by side: a town and a village found by search, each with its own figures, in Chinese and English', async () => {
    const page = await newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await openSignedIn(page, '/trends?site=huiji');
    const panel = page.getByTestId('site-compare');
    await panel.scrollIntoViewIfNeeded();
    // By default the hall and the first towns under it; the list groups every town with its villages.
    await page.waitForSelector('[data-testid="site-compare-table"] tbody tr');
    expect(await page.$$eval('[data-testid="site-pick-list"] fieldset', (f) => f.length)).toBe(8);
    await page.getByRole('button', { name: '清空' }).click();
    await page.getByText('请在左侧选择要比较的站点。').waitFor();
    await page.fill('[data-testid="site-search"]', 'huiji-t1-v2');
    expect(await page.$$eval('[data-testid="site-pick-list"] input', (i) => i.length)).toBe(2);
    await page.check('[data-testid="pick-huiji-t1-v2"]');
    await page.fill('[data-testid="site-search"]', '');
    await page.check('[data-testid="pick-huiji-t1"]');
    await page.check('[data-testid="pick-huiji"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="site-compare-table"] tbody tr').length === 3);
    const q = new URL(page.url()).searchParams;
    const v = await api<SiteComparisonView>(
      `/trends/sites?site=huiji&sites=huiji-t1-v2,huiji-t1,huiji&from=${q.get('from')}&to=${q.get('to')}`,
    );
    const rows = await page.$$eval('[data-testid="site-compare-table"] tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-site'), ...[...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)]),
    );
    expect(rows.map((r) => r[0])).toEqual(['huiji-t1-v2', 'huiji-t1', 'huiji']);
    expect(rows.map((r) => r[4])).toEqual(v.sites.map((s) => percent(goodRate(s.totals))));
    expect(rows.slice(0, 2).map((r) => [r[1], r[4]])).toEqual([
      ['3', '33.3%'],
      ['4', '75.0%'],
    ]);
    await page.click('[data-testid="measure-completed"]');
    expect(await page.$$eval('[data-testid="site-compare"] .recharts-line', (l) => l.length)).toBe(3);
    await panel.screenshot({ path: join(SCREENSHOTS, 'trends-sites.png') });
    await page.click('[data-testid="language"]');
    await panel.getByText('Compare sites').waitFor();
    await panel.screenshot({ path: join(SCREENSHOTS, 'trends-sites-en.png') });
    await page.click('[data-testid="language"]');
    await page.close();
  });

  it.each(['zh', 'en'])(
    'on a 390×844 phone in %s, stacks the cards, fits the charts and scrolls the tables in their own boxes',
    async (lang) => {
      const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      await openSignedIn(page, '/trends?site=huiji');
      if (lang === 'en') {
        await page.click('[data-testid="language"]');
        await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Satisfaction'));
      }
      await page.screenshot({ path: join(SCREENSHOTS, `trends-phone${lang === 'en' ? '-en' : ''}.png`), fullPage: true });
      // The header folds into a menu; the page's own title is the first thing read.
      expect(await page.isVisible('[data-testid="menu"]')).toBe(true);
      expect(await page.isVisible('[data-testid="nav"]')).toBe(false);
      // Two cards a row at most.
      const lefts = await page.$$eval('.tr-card', (cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
      expect(lefts.length).toBe(5);
      expect(new Set(lefts).size).toBeLessThanOrEqual(2);
      // Each chart is drawn as wide as its panel allows, not at a desk's width.
      for (const id of ['rate-chart', 'rectify-chart', 'wait-chart']) {
        const fit = await page.$eval(`[data-testid="${id}"]`, (panel) => {
          const svg = panel.querySelector('.recharts-wrapper > svg');
          return { svg: Math.round(svg?.getBoundingClientRect().width ?? 0), panel: panel.clientWidth };
        });
        expect({ id, fit, fits: fit.svg > 200 && fit.svg <= fit.panel }).toEqual({ id, fit, fits: true });
      }
      // Nothing runs off the screen, except inside a box that scrolls (the tables, the heatmap).
      // The screen's width, not innerWidth: a phone widens its layout to whatever overflows.
      const offenders = await page.evaluate((screenWidth) => {
        const scrolls = (el: Element | null): boolean => {
          for (let p = el?.parentElement; p; p = p.parentElement) if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowX)) return true;
          return false;
        };
        return [...document.querySelectorAll('body *')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > screenWidth + 1 || r.left < -1) && !scrolls(el);
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
      }, PHONE.width);
      expect(offenders).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const windows = await page.$eval('[data-testid="ranking-windows"] .tr-scroll', (el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
      }));
      expect(windows.client).toBeLessThanOrEqual(PHONE.width);
      await page.close();
    },
  );

  it('exports the breakdown table to an .xlsx that reads back with Chinese headers and the same figures', async () => {
    const page = await newPage({ viewport: DESKTOP, acceptDownloads: true });
    await openSignedIn(page, '/trends?site=huiji');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-breakdown"]')]);
    expect(download.suggestedFilename()).toMatch(/^好差评-breakdown-huiji-.*\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.getWorksheet('按部门')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['部门', '编码', '评价数', '办件数', '主动评价率']);
    const q = new URL(page.url()).searchParams;
    const view = await api<BreakdownView>(`/trends/breakdown?site=huiji&dim=department&from=${q.get('from')}&to=${q.get('to')}`);
    const first = ws.getRow(3);
    expect(first.getCell(2).value).toBe(view.rows[0].key);
    expect(first.getCell(3).value).toBe(view.rows[0].reviews);
    expect(first.getCell(header.indexOf('好评率') + 1).value).toBeCloseTo(goodRate(view.rows[0])!, 10);
    expect(ws.rowCount).toBe(view.rows.length + 2);
    await page.close();
  });
});
