import type { AbsenceListView, IndicatorSnapshot } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { localDay, zonedInstant } from '../../server/src/core/time/zoned-time';
import { bearer, displayTokenOn, makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { deviceKeyOn, ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { testNow } from '../support/test-clock';

jest.setTimeout(240_000);

const DESKTOP = { width: 1440, height: 900 };
const TZ = 'Asia/Shanghai';
const [SUP_A, SUP_B] = ['wang.dc', 'li.dc'];

// 外出报备 in a real browser: one supervisor files an outing for a member of staff who has left the
// window on official business, the page will not let them approve it themselves, a second
// supervisor approves it, the wall's count of unregistered absences drops, and the month's
// figures (and their workbook) count the outing. The server and the page read one moment.
describe('the outing and leave register (/absences) in a real browser', () => {
  let h: BrowserHarness;
  let display: string;
  let key: string;
  const now = testNow();
  const today = localDay(now, TZ);
  // Some minutes back, but never before the hall's midnight: the events must fall on today.
  const back = (min: number) => new Date(Math.max(zonedInstant(today, '00:00', TZ).getTime() + 60_000, now.getTime() - min * 60_000));
  /** A datetime-local value on the hall's clock. */
  const local = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(at)
      .replace(' ', 'T');
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const unregistered = async () =>
    ((await (await fetch(`${h.server.url}/api/v1/sites/hall1/indicators`, { headers: bearer(display) })).json()) as IndicatorSnapshot)
      .values['staff.away.unregistered'];

  beforeAll(async () => {
    h = await startBrowserHarness(
      async (ds) => {
        await makeSite(ds, 'hall1', 2);
        await ds.query(`UPDATE sites SET name = '惠济区政务服务大厅', name_en = 'Huiji Service Hall' WHERE code = 'hall1'`);
        await ds.query(`UPDATE departments SET name = '公积金中心', name_en = 'Housing Fund Centre' WHERE code = 'd1'`);
        await ds.query(`UPDATE departments SET name = '医保中心', name_en = 'Medical Insurance' WHERE code = 'd2'`);
        for (const [code, name] of [
          ['s1', '王丽娟'],
          ['s2', '李建国'],
          ['s3', '张敏'],
          ['s4', '陈晓东'],
        ])
          await ds.query(`UPDATE staff SET name = $2 WHERE code = $1`, [code, name]);
        await makeUserOn(ds, SUP_A, 'supervisor', ['hall1']);
        await makeUserOn(ds, SUP_B, 'supervisor', ['hall1']);
        display = await displayTokenOn(ds, 'hall1');
        key = await deviceKeyOn(ds, 'hall1');
      },
      { FIXED_CLOCK: now.toISOString() },
    );
    const res = await postEvents(h.server.url, key, {
      events: [
        ...['s1', 's2', 's3', 's4'].map((s) => ev('staff.signed_in', { staff: s, window: `w${s.slice(1)}` }, back(60))),
        // 王丽娟 leaves on official business, nothing filed yet; 李建国 walked off for a few minutes earlier.
        ev('staff.left_post', { staff: 's1', window: 'w1', reason: 'official_business' }, back(20)),
        ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'unregistered' }, back(50)),
        ev('staff.returned', { staff: 's2', window: 'w2' }, back(45)),
      ],
    });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(() => h?.close());

  async function openAs(user: string): Promise<Page> {
    const context = await h.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
    await context.clock.setFixedTime(now);
    const page = await context.newPage();
    await page.goto(`${h.server.url}/absences?site=hall1`);
    await page.waitForURL(/\/login\?next=/);
    await submitLogin(page, user);
    await page.waitForURL((u) => u.pathname === '/absences');
    await page.waitForSelector('[data-testid="ab-file-form"]');
    return page;
  }

  it('files an outing, which its filer cannot approve and a second supervisor can, and the wall’s count follows', async () => {
    expect(await unregistered()).toBe(1);
    const a = await openAs(SUP_A);
    expect(await a.textContent('h1')).toContain('外出报备与请销假');

    // Nobody chosen: the form names the field, in Chinese.
    await a.fill('[data-testid="ab-form-reason"]', '赴区政务服务办报送材料');
    await a.click('[data-testid="ab-form-submit"]');
    expect(await a.textContent('[data-testid="ab-error-staff"]')).toBe('人员：请选择本站点登记的人员');

    await a.selectOption('[data-testid="ab-form-staff"]', 's1');
    await a.selectOption('[data-testid="ab-form-kind"]', 'official_business');
    await a.fill('[data-testid="ab-form-from"]', local(back(30)));
    await a.fill('[data-testid="ab-form-to"]', local(new Date(now.getTime() + 90 * 60_000)));
    await a.click('[data-testid="ab-form-submit"]');
    const row = a.locator('[data-testid="ab-entry-s1"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('pending');
    expect(await row.textContent()).toContain('本人填报，须由他人审批');
    expect(await row.locator('[data-testid="ab-approve"]').count()).toBe(0);
    expect(await unregistered()).toBe(1);
    await shot(a, 'absences-register-filed-zh');

    const b = await openAs(SUP_B);
    const pending = b.locator('[data-testid="ab-entry-s1"]');
    await pending.locator('[data-testid="ab-note"]').fill('同意，按时返岗');
    await pending.locator('[data-testid="ab-approve"]').click();
    await b.waitForSelector('[data-testid="ab-entry-s1"][data-state="approved"]');
    expect(await pending.textContent()).toContain(SUP_B);
    expect(await pending.textContent()).toContain('同意，按时返岗');
    expect(await unregistered()).toBe(0);
    await shot(b, 'absences-register-zh');

    const list = (await (await b.request.get(`${h.server.url}/api/v1/admin/sites/hall1/absences`)).json()) as AbsenceListView;
    expect(list.entries).toHaveLength(1);
    expect(list.entries[0]).toMatchObject({ staff: 's1', state: 'approved', filedBy: SUP_A, decidedBy: SUP_B, late: true });

    // The roll call: 王丽娟 out on registered business, the others on post.
    await b.click('[data-testid="ab-tab-rollCall"]');
    await b.waitForSelector('[data-testid="ab-roll-s1"][data-state="outing"]');
    expect(await b.getAttribute('[data-testid="ab-roll-s2"]', 'data-state')).toBe('on_post');
    await shot(b, 'absences-roll-call-zh');

    // The month: one outing and one walk-off for 公积金中心, and the workbook says the same.
    await b.click('[data-testid="ab-tab-figures"]');
    await b.waitForSelector('[data-testid="ab-fig-d1"]');
    const cells = async (testId: string) => (await b.locator(`[data-testid="${testId}"] td`).allTextContents()).map((s) => s.trim());
    // Outings 1 (filed after the departure: 补报 1); unregistered 1, the walk-off.
    expect(await cells('ab-fig-d1')).toEqual(['公积金中心', '1', '0', '1', '0', '0', '1', '0', '1', '0', '1', '0']);
    expect(await cells('ab-fig-total')).toEqual(['合计', '1', '0', '1', '0', '0', '1', '0', '1', '0', '1', '0']);
    await shot(b, 'absences-figures-zh');
    const [download] = await Promise.all([b.waitForEvent('download'), b.click('[data-testid="ab-export"]')]);
    expect(download.suggestedFilename()).toBe(`外出报备与请销假-hall1-${today.slice(0, 7)}.xlsx`);
    const wb = new Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    expect((wb.getWorksheet('部门汇总')!.getRow(3).values as unknown[]).slice(1)).toEqual([
      '公积金中心',
      'd1',
      1,
      0,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      1,
      0,
    ]);

    // The same screens in English.
    await b.click('[data-testid="language"]');
    await b.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Outings and leave'));
    expect(await cells('ab-fig-total')).toEqual(['Total', '1', '0', '1', '0', '0', '1', '0', '1', '0', '1', '0']);
    await shot(b, 'absences-figures-en');
    await b.click('[data-testid="ab-tab-register"]');
    await b.waitForSelector('[data-testid="ab-entry-s1"][data-state="approved"]');
    expect(await b.textContent('[data-testid="ab-entry-s1"]')).toContain('Official business');
    await shot(b, 'absences-register-en');
    await b.click('[data-testid="ab-tab-rollCall"]');
    await b.waitForSelector('[data-testid="ab-roll-s1"]');
    await shot(b, 'absences-roll-call-en');
  });
});
