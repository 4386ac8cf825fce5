import { Workbook } from 'exceljs';
import { makeSite } from '../support/factories';
import { getBytes, postForm, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

// Text someone typed reaches the leaders' spreadsheets; a cell that starts like a formula must
// stay text, as in the audit export (docs/security.md).

jest.setTimeout(60_000);

const TOKEN = 'test-admin-token-export-cells';

describe('spreadsheet exports keep formula-like text as text', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    await makeSite(t.ds, 'xc');
    const imported = await postForm(
      t.url,
      '/rectification/import?site=xc',
      TOKEN,
      {},
      { field: 'file', name: 'r.txt', bytes: seedReportText() },
    );
    expect(imported.status).toBe(200);
  });
  afterAll(() => t.close());

  it('prefixes evidence text starting with = + - @ in the rectification ledger with an apostrophe', async () => {
    const texts = ['=HYPERLINK("http://evil.example","点此")', '+86 1', '-1+1', '@SUM(A1)'];
    for (const text of texts) {
      const res = await postForm(t.url, '/rectification/items/42/evidence?site=xc', TOKEN, { date: '2024-08-02', text });
      expect(res.status).toBe(201);
    }
    const file = await getBytes(t.url, '/rectification/ledger.xlsx?site=xc', TOKEN);
    expect(file.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('佐证材料')!;
    const written: unknown[] = [];
    // The office's rows (item 42); the report's own dated measures are plain sentences.
    sheet.eachRow((row, n) => n > 1 && Number(row.getCell(1).value) === 42 && written.push(row.getCell(3).value));
    expect(written).toEqual(texts.map((s) => `'${s}`));
  });
});
