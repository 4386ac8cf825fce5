import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';
import { SEED_REPORT } from '../support/rectification-api';

jest.setTimeout(120_000);

// The report's own account of itself, and the office's evidence, in a real browser: an admin
// imports the published report and sees the status it states (目前已全部整改, 长期坚持) and the
// dated measures recorded as evidence; then a supervisor, signed in through the login page,
// records evidence with a file on an item the report gave none, and marks it rectified, meeting
// each refusal worded in the page's language beside its field.
describe('rectification evidence in a real browser', () => {
  let h: BrowserHarness;
  let admin: Page;
  let sup: Page;
  const files = mkdtempSync(join(tmpdir(), 'hw-evidence-'));
  const pdf = join(files, '党组会议纪要.pdf');
  const fake = join(files, '会议纪要.pdf');

  beforeAll(async () => {
    h = await startBrowserHarness(async (ds) => {
      await makeSite(ds, 'ev');
      await makeUserOn(ds, 'ev-admin', 'admin', ['ev']);
      await makeUserOn(ds, 'ev-sup', 'supervisor', ['ev']);
    });
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]));
    writeFileSync(fake, Buffer.from('MZ\x90\x00 not a pdf'));
    const viewport = { width: 1440, height: 900 };
    admin = await (await h.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    sup = await (await h.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  });

  afterAll(async () => {
    rmSync(files, { recursive: true, force: true });
    await h?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name) });

  it('an admin imports the report: the status it states and its dated measures as evidence; screenshots zh/en', async () => {
    await admin.goto(`${h.server.url}/rectification?site=ev`);
    await admin.waitForURL(/\/login\?next=/);
    await submitLogin(admin, 'ev-admin');
    await admin.getByText('尚未导入整改报告').waitFor();
    await admin.setInputFiles('[data-testid=import-input]', SEED_REPORT);
    const imported = admin.getByTestId('imported-status');
    await imported.waitFor();
    const text = (await imported.textContent()) ?? '';
    expect(text).toContain('报告第 11 行称“目前已全部整改”：各事项状态据此设定。');
    expect(text).toContain('本次导入设定状态：已整改 58、长期坚持 2。');
    expect(text).toContain('报告中带日期的整改措施 108 条（44 项），已记为佐证材料，来源标注“整改报告”；本次新记 108 条。');

    // Item by item: what the report says of it and the measures taken as its evidence.
    await admin.getByText('逐项查看：报告所述状态与记为佐证的措施').click();
    const i29 = admin.getByTestId('imported-29');
    expect(await i29.textContent()).toContain('长期坚持');
    expect(await i29.textContent()).toContain('本项原文第 144 行“长期坚持”');
    expect(await i29.textContent()).toContain('2024-05-21');
    expect(await admin.getByTestId('imported-11').textContent()).toContain('无带日期的措施，需登记佐证');
    await admin.getByTestId('item-60').waitFor();
    expect(await admin.locator('.rect-chip--rectified').textContent()).toContain('58');
    expect(await admin.locator('.rect-chip--ongoing').textContent()).toContain('2');
    expect(await admin.getByTestId('item-2').getByTestId('evidence-count').textContent()).toBe('4含报告 4');
    await admin.evaluate(() => window.scrollTo(0, 0));
    await shot(admin, 'rectification-import-zh.png');

    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByText('Statuses set by this import: Rectified 58, Ongoing 2.').waitFor();
    expect(await admin.getByTestId('imported-29').textContent()).toContain('the item’s own line 144 “长期坚持”');
    await shot(admin, 'rectification-import-en.png');
    await admin.getByRole('button', { name: '中文' }).click();
  });

  it('a supervisor records evidence with a file and marks the item rectified; each refusal names its field; screenshots zh/en', async () => {
    await sup.goto(`${h.server.url}/rectification?site=ev`);
    await sup.waitForURL(/\/login\?next=/);
    await submitLogin(sup, 'ev-sup');
    await sup.getByTestId('item-11').waitFor();
    // Importing is an admin's: the supervisor is not offered a button that can only fail.
    expect(await sup.getByTestId('import-input').count()).toBe(0);

    // Item 11: rectified by the report's summary, but the report gives it no dated measure.
    const row = sup.getByTestId('item-11');
    expect(await row.textContent()).toContain('已整改');
    await row.click();
    const detail = sup.locator('.rect-row-detail');
    expect(await detail.getByTestId('stated-status').textContent()).toContain('报告所述：已整改（第 11 行“目前已全部整改”）');
    await detail.getByText('暂无佐证材料').waitFor();

    // The office takes it back to 整改中; declaring it rectified again is refused until evidence exists.
    await detail.getByTestId('status-select').selectOption('in_progress');
    await detail.getByRole('button', { name: '保存', exact: true }).click();
    await row.getByText('整改中').waitFor();
    await detail.getByTestId('status-select').selectOption('rectified');
    await detail.getByRole('button', { name: '保存', exact: true }).click();
    expect(await detail.getByTestId('edit-error-status').textContent()).toBe('标记为“已整改”前，须先为本项登记至少一条佐证材料');
    expect(await row.textContent()).toContain('整改中');

    // Evidence: no text, a day still to come, a file that is not what its name says: each refused beside its field.
    const add = detail.getByRole('button', { name: '登记佐证' });
    await add.click();
    expect(await detail.getByTestId('evidence-error-text').textContent()).toBe('请填写佐证内容（不超过 4000 字）');
    await detail.locator('input[name=text]').fill('召开党组会议，研究“第一议题”学习制度落实情况。');
    await detail.locator('input[name=date]').fill('2099-01-01');
    await add.click();
    expect(await detail.getByTestId('evidence-error-date').textContent()).toMatch(/^日期不能晚于今天（\d{4}-\d{2}-\d{2}）/);
    await detail.locator('input[name=date]').fill('2024-08-20');
    await detail.locator('input[name=attachment]').setInputFiles(fake);
    await add.click();
    expect(await detail.getByTestId('evidence-error-attachment').textContent()).toContain('附件须为 PDF、JPG、PNG、WebP');
    expect(await detail.getByTestId('evidence-entry').count()).toBe(0);

    await detail.locator('input[name=attachment]').setInputFiles(pdf);
    await add.click();
    await detail.getByText('✓ 已登记佐证').waitFor();
    const entry = detail.getByTestId('evidence-entry');
    expect(await entry.textContent()).toContain('2024-08-20');
    expect(await entry.textContent()).toContain('召开党组会议');
    expect(await entry.textContent()).toContain('办公室登记 · ev-sup');
    expect(await entry.textContent()).toContain(`附件: ${'党组会议纪要.pdf'}`);
    expect(await detail.getByTestId('evidence-error-attachment').count()).toBe(0);

    // With evidence, the item is declared rectified.
    await detail.getByTestId('status-select').selectOption('rectified');
    await detail.getByRole('button', { name: '保存', exact: true }).click();
    await row.getByText('已整改').waitFor();
    expect(await detail.getByTestId('edit-error-status').count()).toBe(0);
    expect(await detail.getByTestId('stated-status').textContent()).toContain('状态由办公室设定');
    const [stored] = await h.ds.query(
      `SELECT i.status, i.status_set_by, e.source, e.attachment_name, length(e.attachment) AS bytes
       FROM rectification_items i JOIN rectification_evidence e ON e.item_id = i.id
       WHERE i.number = 11 AND i.site_id = (SELECT id FROM sites WHERE code = 'ev')`,
    );
    expect(stored).toEqual({
      status: 'rectified',
      status_set_by: 'office',
      source: 'office',
      attachment_name: '党组会议纪要.pdf',
      bytes: 2016,
    });
    await row.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90));
    await shot(sup, 'rectification-evidence-zh.png');

    // The same screen in English, with an error worded in English.
    await sup.getByRole('button', { name: 'English' }).click();
    await detail.getByRole('button', { name: 'Record evidence' }).click();
    expect(await detail.getByTestId('evidence-error-text').textContent()).toBe('Describe the evidence (up to 4000 characters)');
    expect(await entry.textContent()).toContain('Recorded by the office · ev-sup');
    await row.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90));
    await shot(sup, 'rectification-evidence-en.png');
    await sup.getByRole('button', { name: '中文' }).click();
  });
  it("the desk's look-back lists the items without evidence and opens one on the ledger", async () => {
    const desk = await (await h.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await desk.goto(`${h.server.url}/desk?site=ev`);
    await desk.waitForURL(/\/login\?next=/);
    await submitLogin(desk, 'ev-sup');
    const section = desk.getByTestId('desk-rectification');
    await section.getByText('打开整改台账').waitFor();
    // What the desk should list, read from the ledger's own rows: items not ongoing with no evidence
    // (no item here has a deadline or a rebound). Item 11 has had evidence since the test before.
    const missing: Array<{ number: number }> = await h.ds.query(
      `SELECT i.number FROM rectification_items i
       WHERE i.site_id = (SELECT id FROM sites WHERE code = 'ev') AND i.status <> 'ongoing'
         AND NOT EXISTS (SELECT 1 FROM rectification_evidence e WHERE e.item_id = i.id)
       ORDER BY i.number`,
    );
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.map((m) => m.number)).not.toContain(11);
    expect(await section.locator('h2 .dk-count').textContent()).toBe(String(missing.length));
    expect(await section.getByTestId('desk-item-11').count()).toBe(0);
    const first = section.getByTestId(`desk-item-${missing[0].number}`);
    expect(await first.getAttribute('data-reason')).toBe('noEvidence');
    expect(await first.textContent()).toContain('缺少佐证材料');

    await first.getByRole('link').click();
    await desk.waitForURL((u) => u.pathname === '/rectification' && u.searchParams.has('item'));
    const row = desk.getByTestId(`item-${missing[0].number}`);
    expect(await row.getAttribute('class')).toContain('rect-row--open');
    await desk.locator('.rect-row-detail').getByText('暂无佐证材料').waitFor();
    await desk.context().close();
  });
});
