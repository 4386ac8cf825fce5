import type { AssessmentView } from '@hallwatch/shared';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';

jest.setTimeout(300_000);

const DESKTOP = { width: 1440, height: 900 };
// The last evening of a past month, so that the whole month is on record whatever today is.
const NOW = new Date('2024-07-31T18:00:00+08:00');
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/** Town code, names, and what its centre does on 22 July: minutes each ticket waited, the ratings given, staff signed in. */
const TOWNS: Array<[string, string, string, number[], number[], string[]]> = [
  ['xc', '新城街道', 'Xincheng', [4, 6, 8, 9, 12, 14], [5, 5, 5, 4, 5], ['s1', 's2', 's3', 's4']],
  ['gx', '古荥镇', 'Guxing', [5, 10, 20, 30, 35, 18], [5, 3, 4, 5], ['s1', 's2', 's3']],
  ['hh', '花园口镇', 'Huayuankou', [25, 30, 40, 12, 50, 45], [3, 4, 3], ['s1', 's2']],
];

// The assessment page in a real browser, signed in as a leader through the sign-in page: the
// ranking with its parts and reasons, one town's evidence opened, the same in English; and the
// weights editor refusing a total other than 100 beside the field, in the page's language.
describe('the assessment of the town centres (/assessment) in a real browser', () => {
  let h: BrowserHarness;
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    const keys = new Map<string, string>();
    h = await startBrowserHarness(
      async (ds) => {
        const hall = await makeSite(ds, 'hj', 1);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务中心', name_en = 'Huiji District Service Centre' WHERE code = 'hj'`);
        for (const [code, name, nameEn] of TOWNS) {
          await makeSite(ds, code, 2);
          await ds
            .getRepository(Site)
            .update({ code }, { name: `${name}便民服务中心`, nameEn: `${nameEn} Service Centre`, tier: 'town', parentId: hall.id });
          keys.set(code, await deviceKeyOn(ds, code));
        }
        await makeUserOn(ds, 'zhao.ld', 'leader', ['hj']);
        await makeUserOn(ds, 'sun.admin', 'admin', 'all');
      },
      { FIXED_CLOCK: NOW.toISOString() },
    );
    for (const [code, , , waits, ratings, signed] of TOWNS) {
      const events = signed.map((s) => ev('staff.signed_in', { staff: s, window: `w${s.slice(1)}` }, at('2024-07-22', '08:30')));
      waits.forEach((wait, i) => {
        const ticket = `A${i}`;
        const issued = new Date(at('2024-07-22', '09:00').getTime() + i * 40 * 60_000);
        const called = new Date(issued.getTime() + wait * 60_000);
        events.push(
          ev('ticket.issued', { ticket, department: 'd1', channel: 'walk_in' }, issued),
          ev('ticket.called', { ticket, window: 'w1' }, called),
          ev('ticket.completed', { ticket, window: 'w1', staff: 's1', outcome: 'done' }, new Date(called.getTime() + 5 * 60_000)),
        );
        if (ratings[i] !== undefined)
          events.push(
            ev(
              'review.submitted',
              { rating: ratings[i], channel: 'pad', department: 'd1', ticket },
              new Date(called.getTime() + 6 * 60_000),
            ),
          );
      });
      const res = await postEvents(h.server.url, keys.get(code)!, { events });
      expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    }
  });
  afterAll(() => h?.close());

  async function openAs(user: string): Promise<Page> {
    const context = await h.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/assessment?site=hj&month=2024-07`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, user);
    await page.waitForURL((u) => u.pathname === '/assessment');
    return page;
  }

  /** The server's rollups fold the ratings in on their own queue: wait until they hold every one. */
  async function ratingsFolded(page: Page): Promise<AssessmentView> {
    const want = TOWNS.reduce((n, town) => n + town[4].length, 0);
    for (;;) {
      const v = (await (await page.request.get(`${h.server.url}/api/v1/admin/sites/hj/assessment?month=2024-07`)).json()) as AssessmentView;
      if (v.rows.reduce((n, r) => n + r.parts.find((p) => p.criterion === 'good')!.evidence.den, 0) === want) return v;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('shows a leader the ranking with its parts, reasons and evidence, in Chinese and English', async () => {
    const page = await openAs('zhao.ld');
    const v = await ratingsFolded(page);
    await page.reload();
    await page.waitForSelector('[data-testid="as-row-xc"]');
    expect(v.rows.map((r) => r.site)).toEqual(['xc', 'gx', 'hh']);
    expect(await page.textContent('h1')).toContain('街道考核');
    expect(await page.textContent('[data-testid="as-spread"]')).toContain('3 个街道，排出 3 个名次');
    const first = page.locator('[data-testid="as-row-xc"]');
    expect(await first.textContent()).toContain(v.rows[0].score.toFixed(2));
    expect(await first.textContent()).toContain('领先古荥镇便民服务中心');
    // Leaders read; the weights are an admin's.
    expect(await page.locator('[data-testid="as-weights"]').count()).toBe(0);

    await first.getByRole('button', { name: '展开依据' }).click();
    const evidence = page.locator('[data-testid="as-evidence-xc"]');
    const good = v.rows[0].parts.find((p) => p.criterion === 'good')!.evidence;
    expect(await evidence.textContent()).toContain(`${good.num} / ${good.den} 条评价为好评（4–5 分）`);
    await shot(page, 'assessment-zh');

    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Town centre assessment'));
    expect(await first.textContent()).toContain('points ahead of');
    expect(await evidence.textContent()).toContain(`${good.num} / ${good.den} ratings good (4–5)`);
    await shot(page, 'assessment-en');
    await page.context().close();
  });

  it('lets an admin set the weights, refusing a total other than 100 beside the field', async () => {
    const page = await openAs('sun.admin');
    await page.waitForSelector('[data-testid="as-weights"]');
    await page.fill('[data-testid="as-weight-wait"]', '30');
    expect(await page.textContent('[data-testid="as-weight-sum"]')).toBe('合计 110 分');
    await page.getByRole('button', { name: '保存权重' }).click();
    expect(await page.textContent('[data-testid="as-weights-error"]')).toBe('各项合计为 110 分，须为 100 分');
    await page.fill('[data-testid="as-weight-good"]', '10');
    await page.getByRole('button', { name: '保存权重' }).click();
    await page.waitForSelector('text=权重已保存');
    await page.waitForFunction(() => document.querySelector('[data-testid="as-table"] th:nth-child(4) small')?.textContent === '权重 30');
    await shot(page, 'assessment-weights-zh');
    await page.context().close();
  });
});
