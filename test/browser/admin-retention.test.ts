import type { RetentionView } from '@hallwatch/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { insertReviews } from '../support/review-fixtures';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

// The admin page's 数据保留 tab: the policy with its floors, the last purge (the scheduled run
// the server makes at start, here over a phone and a month of events seeded long past their
// periods), a period below its floor refused beside its field, a change saved, in Chinese and English.

const SITE = 'hret';
const NOW = testNow();
const YEARS_AGO = new Date(NOW.getTime() - 4 * 365 * 86_400_000);
const OLD_DAY = new Date(YEARS_AGO.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describe('the retention tab on the admin page (/admin?tab=retention)', () => {
  let h: BrowserHarness;
  let page: Page;
  let dataDir: string;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hw-retention-ui-'));
    h = await startBrowserHarness(
      async (ds) => {
        const site = await makeSite(ds, SITE, 2);
        await makeUserOn(ds, 'ret-admin', 'admin', 'all');
        await insertReviews(ds, site.id, [{ id: 'old-good', at: YEARS_AGO.toISOString(), rating: 5, dept: 'd1' }]);
        await ds.query(`UPDATE reviews SET phone_enc = 'v1.x.y.z', phone_masked = '138****2222' WHERE event_id = 'old-good'`);
        for (let i = 0; i < 12; i++)
          await ds.query(
            `INSERT INTO events (site_id, id, type, occurred_at, service_day, data) VALUES ($1, $2, 'review.submitted', $3, $4, '{}')`,
            [site.id, `old-${i}`, YEARS_AGO, OLD_DAY],
          );
      },
      { DATA_DIR: dataDir, FIXED_CLOCK: NOW.toISOString() },
    );
    page = await h.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await page.clock.setFixedTime(NOW);
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=retention`);
    await page.waitForURL(/\/login/);
    await submitLogin(page, 'ret-admin');
    await page.waitForSelector('[data-testid="tab-retention"]');
  });
  afterAll(async () => {
    await h?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the policy and the last run in Chinese, and refuses a period below its floor beside its field', async () => {
    // The scheduled run comes at the server's start: reload until the page shows it.
    for (let i = 0; i < 60 && !(await page.$('[data-testid="retention-last-run"]')); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.waitForSelector('[data-testid="tab-retention"]');
    }
    const run = await page.textContent('[data-testid="retention-last-run"]');
    expect(run).toContain('定时任务');
    expect(run).toContain(`archive/events/${SITE}/${OLD_DAY.slice(0, 7)}.`);
    expect(await page.inputValue('#retention-eventDays')).toBe('1095');
    expect(await page.inputValue('#retention-phoneDays')).toBe('180');
    expect(await page.textContent('[data-testid="retention-updated"]')).toContain('尚未修改');
    await shot('admin-retention-zh');

    await page.fill('#retention-eventDays', '100');
    await page.click('[data-testid="save-retention"]');
    expect(await page.textContent('[data-testid="error-eventDays"]')).toContain('原始事件不得少于 400 天');
    const stored = await h.ds.query(`SELECT count(*)::int AS n FROM retention_settings`);
    expect(stored).toEqual([{ n: 0 }]);
  });

  it('saves a change, and reads the same in English', async () => {
    await page.fill('#retention-eventDays', '1460');
    await page.click('[data-testid="save-retention"]');
    await page.waitForSelector('[data-testid="retention-saved"]');
    const res = await page.request.get(`${h.server.url}/api/v1/admin/retention`);
    expect(((await res.json()) as RetentionView).policy.eventDays).toBe(1460);
    await page.click('[data-testid="language"]');
    await page.waitForSelector('text=Last run');
    expect(await page.textContent('[data-testid="retention-updated"]')).toContain('by ret-admin');
    expect(await page.textContent('[data-testid="retention-last-run"]')).toContain('Schedule');
    await shot('admin-retention-en');
  });
});
