import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';

jest.setTimeout(300_000);

const DESKTOP = { width: 1440, height: 900 };
// A Wednesday afternoon: the preview's day has opened and not yet closed.
const NOW = new Date('2026-12-09T15:00:00+08:00');

// The alert routing page (/alert-routing) in a real browser, as an admin: the rules with their
// quiet hours, a new rule saved through the editor, a recipient refused with the field named and
// then added, the digest preview and the recent messages; Chinese, then English.
describe('alert routing (/alert-routing) in a real browser', () => {
  let h: BrowserHarness;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        const hall = await makeSite(ds, 'hj', 2);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务中心', name_en = 'Huiji District Service Centre' WHERE id = $1`, [hall.id]);
        const [{ id: channel }] = await ds.query(
          `INSERT INTO notify_channels (site_id, name, kind, secret_box, created_at, updated_at, updated_by)
           VALUES ($1, '督查科钉钉群', 'dingtalk', 'none', now(), now(), 'test') RETURNING id`,
          [hall.id],
        );
        const [{ id: head }] = await ds.query(
          `INSERT INTO alert_recipients (site_id, department, name, duty, mobile) VALUES ($1, 'd1', '王科长', 'department_head', '13800000021') RETURNING id`,
          [hall.id],
        );
        await ds.query(`INSERT INTO alert_recipients (site_id, name, duty, mobile) VALUES ($1, '赵局长', 'office_leader', '13800000022')`, [
          hall.id,
        ]);
        const [{ id: rule }] = await ds.query(
          `INSERT INTO alert_rules (site_id, name, scope, kinds, min_severity, channel_id, recipient_ids, quiet_from, quiet_to, digests)
           VALUES ($1, '全区严重告警', 'subtree', '{followup.overdue,notice.overdue,staff.away}', 'breach', $2, ARRAY[$3]::uuid[], '22:00', '07:30', '{daily,weekly}')
           RETURNING id`,
          [hall.id, channel, head],
        );
        for (const [state, title, at, held] of [
          ['sent', '【严重】惠济区政务服务中心 · 未登记离岗', '2026-12-09T13:10:00+08:00', null],
          ['digested', '【严重】惠济区政务服务中心 · 告知书逾期', '2026-12-08T23:05:00+08:00', '2026-12-09T07:30:00+08:00'],
        ])
          await ds.query(
            `INSERT INTO alert_dispatches (dedupe_key, rule_id, site_id, channel_id, state, held_until, message, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
            [
              `seed:${title}`,
              rule,
              hall.id,
              channel,
              state,
              held,
              JSON.stringify({ topic: 'alert.x', siteId: hall.id, title, markdown: title }),
              at,
            ],
          );
        await makeUserOn(ds, 'sun.admin', 'admin', 'all');
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
  });
  afterAll(() => h?.close());

  it('lists, edits and previews, in Chinese and English', async () => {
    const context = await h.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/alert-routing?site=hj`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, 'sun.admin');
    await page.waitForURL((u) => u.pathname === '/alert-routing');
    await page.waitForSelector('[data-testid="ar-rules"] table');
    expect(await page.textContent('h1')).toContain('告警推送');
    const rules = page.locator('[data-testid="ar-rules"] table');
    expect(await rules.textContent()).toContain('全区严重告警');
    expect(await rules.textContent()).toContain('22:00–07:30');
    expect(await rules.textContent()).toContain('回访逾期、告知书逾期、未登记离岗');
    expect(await page.textContent('[data-testid="ar-dispatches"]')).toContain('已并入早间汇总');
    expect(await page.textContent('[data-testid="ar-preview"]')).toContain('【每日运行汇总】惠济区政务服务中心 · 2026-12-09');

    // A recipient with no way to reach them is refused, the field named in Chinese; then one is added.
    await page.fill('[data-testid="ar-person-name"]', '李干事');
    await page.click('[data-testid="ar-person-add"]');
    await page.waitForSelector('[data-testid="ar-error"]');
    expect(await page.textContent('[data-testid="ar-error"]')).toMatch(/mobile|手机/);
    await page.fill('[data-testid="ar-person-mobile"]', '13800000033');
    await page.click('[data-testid="ar-person-add"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="ar-recipients"] table')?.textContent?.includes('李干事'));

    // A new rule through the editor: a town's unattended windows, quiet at night.
    await page.click('[data-testid="ar-new-rule"]');
    await page.fill('[data-testid="ar-rule-name"]', '窗口无人提醒');
    await page.getByLabel('窗口无人').check();
    await page.getByLabel('李干事').check();
    await page.check('[data-testid="ar-rule-quiet"]');
    await page.click('[data-testid="ar-rule-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="ar-rules"] table')?.textContent?.includes('窗口无人提醒'));
    const [stored] = await h.ds.query(`SELECT kinds, quiet_from, quiet_to FROM alert_rules WHERE name = '窗口无人提醒'`);
    expect(stored).toEqual({ kinds: ['window.unattended'], quiet_from: '22:00', quiet_to: '07:30' });
    await page.click('[data-testid="ar-rules"] tr:has-text("全区严重告警") >> text=编辑');
    await page.waitForSelector('[data-testid="ar-rule-form"]');
    await shot(page, 'alert-routing-zh');

    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Alert routing'));
    expect(await rules.textContent()).toContain('Follow-up overdue');
    expect(await page.textContent('[data-testid="ar-preview"]')).toContain('Average wait');
    await shot(page, 'alert-routing-en');
    await context.close();
  });
});
