import type { DepartmentView, ServiceItemView, WindowView } from '@hallwatch/shared';
import { Workbook } from 'exceljs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { makeUserOn } from '../support/accounts';
import { SCREENSHOTS, submitLogin, waitForText } from '../support/browser';
import { BrowserHarness, startBrowserHarness } from '../support/browser-harness';
import { makeSite } from '../support/factories';

jest.setTimeout(240_000);

const ADMIN = 'ad-registry-admin';
const SITE = 'hallreg';
const DESKTOP = { width: 1440, height: 900 };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The admin page's registry tabs in Chromium at 1440×900, signed in as an admin through the login
// page: a department added (its refusals beside the fields, in Chinese), staff added and the 进驻
// figures moving, the hall's 事项清单 checked and imported from an .xlsx, a window moved to the
// new department; then the same screens in English.

async function sheet(rows: Array<Array<string | null>>): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('事项清单');
  ws.addRow(['事项编码', '事项名称', '部门（编码或名称）', '负面清单（是/否）']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the admin page: departments, the staff roster with its 进驻 figures, and service items', () => {
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
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `admin-registry-${name}.png`), fullPage: true });
  const text = async (selector: string) => (await page.textContent(selector))?.trim();
  const upload = (name: string, buffer: Buffer) => page.setInputFiles('input[name="file"]', { name, mimeType: XLSX, buffer });

  beforeAll(async () => {
    h = await startBrowserHarness(async (ds) => {
      await makeSite(ds, SITE, 2);
      await makeUserOn(ds, ADMIN, 'admin', [SITE]);
    });
    page = await h.browser.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
    await page.goto(`${h.server.url}/admin?site=${SITE}&tab=departments`);
    await page.waitForURL(/\/login/);
    await submitLogin(page, ADMIN);
    await page.waitForURL((u) => u.pathname === '/admin');
    await page.waitForSelector('[data-testid="departments"] tr[data-code="d2"]');
  });
  afterAll(() => h?.close());

  it('refuses a department beside the field, in Chinese and in people, and stores nothing', async () => {
    await page.fill('[data-testid="department-form"] input[name="code"]', 'd1');
    await page.fill('[data-testid="department-form"] input[name="name"]', '市公安局交警五大队');
    await page.fill('input[name="expectedStaff"]', '-1');
    await page.click('[data-testid="save-department"]');
    await page.waitForSelector('[data-testid="error-expectedStaff"]');
    expect(await text('[data-testid="error-expectedStaff"]')).toBe('进驻表人数须为 0 到 1000 之间的整数（人）');

    await page.fill('input[name="expectedStaff"]', '32');
    await page.click('[data-testid="save-department"]');
    await waitForText(page, 'error-code', '该编码已被使用，请换一个', 10_000);
    expect(await page.$('[data-testid="error-expectedStaff"]')).toBeNull();
    await shot('departments-error');
    expect((await api<DepartmentView[]>('/departments')).map((d) => d.code)).toEqual(['d1', 'd2']);
  });

  it('adds the department, expected in the hall with 32 on its list', async () => {
    await page.fill('[data-testid="department-form"] input[name="code"]', 'jj5');
    await page.fill('[data-testid="department-form"] input[name="nameEn"]', 'Traffic Police Brigade 5');
    await page.click('[data-testid="save-department"]');
    await page.waitForSelector('[data-testid="departments"] tr[data-code="jj5"]');
    expect(await text('[data-testid="department-saved"]')).toBe('已保存：市公安局交警五大队');
    expect(await text('tr[data-code="jj5"] [data-testid="on-roster"]')).toBe('0');
    await shot('departments-zh');
    expect((await api<DepartmentView>('/departments/jj5')).expectedStaff).toBe(32);
  });

  it('counts the departments stationed in the hall and moves the count as staff are added', async () => {
    await tab('staff');
    await waitForText(page, 'stationed', '2 / 3', 10_000);
    expect(await text('[data-testid="not-stationed"]')).toBe('尚无人员进驻：市公安局交警五大队');
    expect(await text('[data-department="jj5"] [data-testid="group-count"]')).toBe('在册 0 / 进驻表 32');

    await page.fill('[data-testid="staff-form"] input[name="code"]', 'p1001');
    await page.fill('[data-testid="staff-form"] input[name="name"]', '李明');
    await page.selectOption('[data-testid="staff-form"] select[name="departmentCode"]', 'jj5');
    await page.click('[data-testid="save-staff"]');
    await page.waitForSelector('[data-department="jj5"] tr[data-code="p1001"]');
    await waitForText(page, 'stationed', '3 / 3', 10_000);
    expect(await page.$('[data-testid="not-stationed"]')).toBeNull();
    expect(await text('[data-department="jj5"] [data-testid="group-count"]')).toBe('在册 1 / 进驻表 32');
    expect(await text('[data-testid="short-of-list"]')).toBe('少于进驻表：市公安局交警五大队 在册 1 / 进驻表 32');
    expect(await text('[data-testid="on-roster-total"]')).toBe('5');
    expect(await text('[data-testid="listed"]')).toBe('1 / 32');
    await shot('staff-zh');
  });

  it('lists a bad sheet’s problems by row and column in Chinese, and offers no import', async () => {
    await tab('service-items');
    await upload(
      '事项清单-有误.xlsx',
      await sheet([
        ['JJ-001', '机动车驾驶证补领', 'jj5', '否'],
        ['JJ-002', '机动车登记', '不存在的部门', '否'],
        ['JJ-003', '', 'jj5', '也许'],
      ]),
    );
    expect(await text('[data-testid="sheet-file"]')).toBe('事项清单-有误.xlsx');
    await page.click('[data-testid="sheet-preview"]');
    await page.waitForSelector('[data-testid="sheet-problems"]');
    expect(await text('[data-testid="sheet-result"]')).toBe(
      '“事项清单-有误.xlsx”共 3 行，发现 3 处问题，修改后重新预检；有问题时不会导入任何内容。',
    );
    const rows = await page.$$eval('[data-testid="sheet-problems"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(rows).toEqual([
      ['3', 'C', '部门', '“不存在的部门”不是本站点在用的部门，请填写部门编码或名称（见模板第二页）'],
      ['4', 'B', '事项名称', '不能为空'],
      ['4', 'D', '负面清单', '“也许”无法识别，请填写“是”或“否”'],
    ]);
    expect(await page.isDisabled('[data-testid="sheet-import"]')).toBe(true);
    await shot('items-problems-zh');
    expect(await api<ServiceItemView[]>('/service-items')).toEqual([]);
  });

  it('refuses a file that is not a workbook, in Chinese', async () => {
    await page.setInputFiles('input[name="file"]', { name: '事项清单.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    await page.click('[data-testid="sheet-preview"]');
    await waitForText(page, 'error-file', '请上传 Excel 工作簿（.xlsx）；旧版 .xls 请先另存为 .xlsx', 10_000);
  });

  it('checks a good sheet, imports it and lists the items', async () => {
    await upload(
      '事项清单.xlsx',
      await sheet([
        ['JJ-001', '机动车驾驶证补领', 'jj5', '否'],
        ['JJ-002', '机动车登记', '市公安局交警五大队', '否'],
        ['MZ-001', '孤儿认定', 'd1', '是'],
      ]),
    );
    await page.click('[data-testid="sheet-preview"]');
    await waitForText(page, 'sheet-result', '“事项清单.xlsx”共 3 行：将新增 3 项，更新 0 项，0 项不变。', 10_000);
    expect(await api<ServiceItemView[]>('/service-items')).toEqual([]);
    await page.click('[data-testid="sheet-import"]');
    await waitForText(page, 'sheet-result', '已导入“事项清单.xlsx”：新增 3 项，更新 0 项，0 项不变。', 10_000);
    await page.waitForSelector('[data-testid="service-items"] tr[data-code="MZ-001"]');
    expect(await text('tr[data-code="JJ-002"]')).toContain('市公安局交警五大队');
    expect(await text('tr[data-code="MZ-001"] td:nth-child(4)')).toBe('是');
    await page.fill('input[name="q"]', '驾驶证');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-items"] tbody tr').length === 1);
    await shot('items-zh');
    await page.fill('input[name="q"]', '');
    expect((await api<ServiceItemView[]>('/service-items')).map((i) => i.code)).toEqual(['JJ-001', 'JJ-002', 'MZ-001']);
  });

  it('moves a window to the new department', async () => {
    await tab('windows');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/windows/w1'));
    await page.selectOption('tr[data-code="w1"] [data-testid="window-department"]', 'jj5');
    expect((await saved).status()).toBe(200);
    const w1 = (await api<WindowView[]>('/windows')).find((w) => w.code === 'w1');
    expect(w1?.departmentCode).toBe('jj5');
  });

  it('retires a department: it leaves the 进驻 figures and the choices for new staff', async () => {
    await tab('departments');
    page.once('dialog', (d) => void d.accept());
    await page.click('tr[data-code="d2"] [data-testid="retire-department"]');
    await page.waitForSelector('tr[data-code="d2"].ad-retired');
    expect(await text('tr[data-code="d2"] td:nth-child(2)')).toBe('部门2 已撤销');
    await tab('staff');
    await waitForText(page, 'stationed', '2 / 2', 10_000);
    const choices = await page.$$eval('[data-testid="staff-form"] select[name="departmentCode"] option', (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    );
    expect(choices).toEqual(['', 'd1', 'jj5']);
    expect((await api<DepartmentView>('/departments/d2')).retiredAt).not.toBeNull();
  });

  it('reads in English after the switch, refusals too', async () => {
    await page.click('[data-testid="language"]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.includes('Administration'));
    await tab('staff');
    await page.waitForSelector('[data-department="jj5"] tr[data-code="p1001"]');
    expect(await text('[data-department="jj5"] [data-testid="group-count"]')).toBe('1 on the roster / 32 listed');
    await shot('staff-en');
    await tab('departments');
    await page.fill('[data-testid="department-form"] input[name="code"]', 'bad code');
    await page.fill('[data-testid="department-form"] input[name="name"]', 'x');
    await page.click('[data-testid="save-department"]');
    await waitForText(page, 'error-code', 'The code must be 1–64 letters, digits or _.:-/#, without spaces', 10_000);
    await shot('departments-en');
    await tab('service-items');
    await page.waitForSelector('[data-testid="service-items"] tr[data-code="MZ-001"]');
    await shot('items-en');
    await page.click('[data-testid="language"]');
  });
});
