import type { VisitDetailView, VisitView } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Site } from '../../server/src/modules/registry/site.entity';
import { call, makeUserOn, signIn } from '../support/accounts';
import { SCREENSHOTS, signInContext } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { png } from '../support/photos';

jest.setTimeout(300_000);

// 实地督导与暗访 in a real browser: the office's month plan with a finished visit's findings and
// their notice to the town (1440×900), the district overview showing each site's last visit, and
// the visit log on a patroller's phone (390×844), in Chinese and English. The server's clock and
// the browser's stand on Wednesday 17 July 2024, 10:00 hall time, whatever today is.
const NOW = new Date('2024-07-17T10:00:00+08:00');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('visits to the towns and villages (/visits) in a real browser', () => {
  let h: BrowserHarness;
  let planned: VisitView;
  let finished: VisitDetailView;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        const hall = await makeSite(ds, 'hj', 1);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务中心', name_en = 'Huiji District Service Centre' WHERE code = 'hj'`);
        const sites = ds.getRepository(Site);
        for (const [code, name, nameEn] of [
          ['hj-xc', '新城街道便民服务中心', 'Xincheng Service Centre'],
          ['hj-gx', '古荥镇便民服务中心', 'Guxing Service Centre'],
        ]) {
          const town = await sites.save({ code, name, nameEn, tier: 'town', parentId: hall.id });
          await sites.save({
            code: `${code}-v1`,
            name: `${name.slice(0, 2)}一村便民服务站`,
            nameEn: `${nameEn.split(' ')[0]} Village 1 Station`,
            tier: 'village',
            parentId: town.id,
          });
        }
        await makeUserOn(ds, 'li.sup', 'supervisor', ['hj']);
        await makeUserOn(ds, 'wang.pt', 'patrol', ['hj']);
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    const sup = (await signIn(h.server.url, 'li.sup')).token;
    const pt = (await signIn(h.server.url, 'wang.pt')).token;
    const api = <T>(token: string, method: string, path: string, body?: unknown) =>
      call<T>(h.server.url, method, `/api/v1/admin/sites/hj/visits${path}`, { token, body });
    // A field visit made on Monday with one failed point, sent to the town; one planned for today; a mystery visit next week.
    const done = await api<VisitView>(sup, 'POST', '', { target: 'hj-xc-v1', kind: 'field', plannedOn: '2024-07-15', assignee: 'wang.pt' });
    await api(pt, 'POST', `/${done.body.id}/start`);
    for (const p of ['layout', 'items', 'signage', 'duties', 'on-post', 'conduct-qr'])
      await api(
        pt,
        'PUT',
        `/${done.body.id}/checks/${p}`,
        p === 'signage' ? { result: 'fail', note: '门头标识被遮挡' } : { result: 'pass' },
      );
    const fin = await api<VisitDetailView>(pt, 'POST', `/${done.body.id}/finish`, { summary: '总体规范' });
    finished = (await api<VisitDetailView>(sup, 'POST', `/${done.body.id}/findings/${fin.body.findings[0].id}/notice`, {})).body;
    planned = (await api<VisitView>(sup, 'POST', '', { target: 'hj-gx', kind: 'field', plannedOn: '2024-07-17', assignee: 'wang.pt' }))
      .body;
    await api(sup, 'POST', '', { target: 'hj-xc', kind: 'mystery', plannedOn: '2024-07-24', assignee: 'wang.pt' });
    expect(finished.findings[0].state).toBe('noticed');
  });
  afterAll(() => h?.close());

  async function open(user: string, path: string, viewport = DESKTOP): Promise<Page> {
    const context = await h.browser.newContext({ viewport, locale: 'zh-CN' });
    await context.clock.setFixedTime(NOW);
    await signInContext(context, h.server.url, user);
    const page = await context.newPage();
    await page.goto(`${h.server.url}${path}`);
    return page;
  }

  it("shows the office the month's plan by town, a visit's finding with its notice, in Chinese and English", async () => {
    const page = await open('li.sup', '/visits?site=hj&month=2024-07');
    await page.waitForSelector('[data-town="hj-xc"] [data-visit]');
    expect(await page.textContent('h1')).toContain('实地督导与暗访');
    expect(await page.locator('[data-town="hj-xc"] [data-visit]').count()).toBe(2);
    expect(await page.textContent('[data-town="hj-xc"]')).toContain('未销号 1');
    expect(await page.textContent('nav')).toContain('督导暗访');
    await page.locator(`[data-visit="${finished.visit.id}"] .vs-chip__open`).click();
    const detail = page.locator(`section[data-visit="${finished.visit.id}"]`);
    await detail.waitFor();
    expect(await detail.textContent()).toContain('待街道回复');
    expect(await detail.textContent()).toContain(finished.findings[0].notice!.number!);
    await shot(page, 'visits-plan-zh');

    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Field and mystery visits'));
    expect(await detail.textContent()).toContain('Awaiting the town');
    await shot(page, 'visits-plan-en');
    await page.context().close();
  });

  it('shows each town and village its last visit and open findings on the district overview', async () => {
    const page = await open('li.sup', '/district?site=hj');
    const village = page.locator('[data-site="hj-xc-v1"]');
    await village.waitFor();
    expect(await village.locator('.ds-card__visit').textContent()).toContain('督导 07-15');
    expect(await village.locator('.ds-card__visit').textContent()).toContain('问题 1 未销号');
    expect(await page.locator('[data-site="hj-gx"] .ds-card__visit').textContent()).toContain('未督导');
    await shot(page, 'visits-district-zh');
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-site="hj-xc-v1"] .ds-card__visit')?.textContent?.includes('Visit 07-15'),
    );
    await shot(page, 'visits-district-en');
    await page.context().close();
  });

  it("lets the patroller walk today's visit on the phone: start, pass and fail with a note, in Chinese and English", async () => {
    const page = await open('wang.pt', `/visits?site=hj&visit=${planned.id}`, PHONE);
    await page.getByRole('button', { name: '开始督导' }).click();
    await page.waitForSelector('[data-point="layout"]');
    expect(await page.locator('[data-point]').count()).toBe(6);
    await page.locator('[data-point="layout"]').getByRole('button', { name: '符合', exact: true }).click();
    await page.locator('[data-point="signage"] input.vs-input').fill('指引牌缺失');
    await page.locator('[data-point="signage"]').getByRole('button', { name: '不符合' }).click();
    await page.waitForFunction(() => !document.querySelector('.vs-sync'));
    expect(await page.textContent('.vs-big')).toBe('还有 4 项未检查');
    const stored = (await h.ds.query(`SELECT point, result, note FROM visit_checks WHERE visit_id = $1 ORDER BY point`, [
      planned.id,
    ])) as unknown[];
    expect(stored).toEqual([
      { point: 'layout', result: 'pass', note: null },
      { point: 'signage', result: 'fail', note: '指引牌缺失' },
    ]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'visits-log-phone-zh');

    await page.evaluate(() => localStorage.setItem('hallwatch.lang', 'en'));
    await page.reload();
    await page.waitForSelector('[data-point="layout"]');
    await shot(page, 'visits-log-phone-en');
    await page.context().close();
  });

  it('keeps judgements and photos on the phone without signal, through a reload, and sends them once the server answers', async () => {
    const page = await open('wang.pt', `/visits?site=hj&visit=${planned.id}`, PHONE);
    await page.waitForSelector('[data-point="items"]');
    // A village station without signal: the page and the visit are on screen, nothing it records reaches the server.
    const refused = /\/visits\/[^/]+\/checks\//;
    await page.route(refused, (route) => route.abort('internetdisconnected'));
    await page.locator('[data-point="items"]').getByRole('button', { name: '符合', exact: true }).click();
    await page
      .locator('[data-point="duties"] input[type="file"]')
      .setInputFiles({ name: 'desk.png', mimeType: 'image/png', buffer: png(640, 480) });
    await page.locator('[data-point="duties"]').getByText('照片已存手机，待上传').waitFor();
    await page.getByRole('status').getByText('2 条待发送').waitFor();
    await shot(page, 'visits-log-phone-offline');
    const stored = async () => ({
      checks: (
        (await h.ds.query(`SELECT point FROM visit_checks WHERE visit_id = $1 ORDER BY point`, [planned.id])) as Array<{ point: string }>
      ).map((r) => r.point),
      photos: (await h.ds.query(`SELECT point, type FROM visit_photos WHERE visit_id = $1`, [planned.id])) as unknown[],
    });
    expect(await stored()).toEqual({ checks: ['layout', 'signage'], photos: [] });

    // The phone reloads the page, still without signal: what it recorded is still there, waiting.
    await page.reload();
    await page.locator('[data-point="duties"]').getByText('照片已存手机，待上传').waitFor();
    expect(await page.locator('[data-point="items"] .vs-pass.is-on').count()).toBe(1);

    // Signal returns without an 'online' event: the page's own retry sends both, in order.
    await page.unroute(refused);
    await page.waitForFunction(() => !document.querySelector('.vs-sync'), undefined, { timeout: 30_000 });
    await page.locator('[data-point="duties"]').getByText('照片已保存').waitFor();
    expect(await stored()).toEqual({ checks: ['items', 'layout', 'signage'], photos: [{ point: 'duties', type: 'image/jpeg' }] });
    await page.context().close();
  });
});
