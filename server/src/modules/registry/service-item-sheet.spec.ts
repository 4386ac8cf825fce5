import { Workbook } from 'exceljs';
import { cellText, declaredUnzippedBytes, NotAWorkbookError, openWorkbook, SheetTooLargeError } from './service-item-sheet';

async function xlsx(): Promise<Buffer> {
  const wb = new Workbook();
  wb.addWorksheet('事项清单').addRow(['事项编码', '事项名称']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same workbook with its first entry declaring `size` unzipped bytes, as a zip bomb would. */
function declaring(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  out.writeUInt32LE(size, out.readUInt32LE(end + 16) + 24);
  return out;
}

describe('the service-item sheet', () => {
  it('sums what a workbook declares it unzips to, and refuses one that would unzip beyond the cap', async () => {
    const good = await xlsx();
    expect(declaredUnzippedBytes(good)).toBeGreaterThan(good.length);
    expect(await openWorkbook(good)).toBeDefined();
    await expect(openWorkbook(declaring(good, 0x7fff_0000))).rejects.toBeInstanceOf(SheetTooLargeError);
    await expect(openWorkbook(declaring(good, 0xffff_ffff))).rejects.toBeInstanceOf(NotAWorkbookError);
  });

  it('refuses what is no zip, or a zip cut short, as no workbook', async () => {
    await expect(openWorkbook(Buffer.from('事项编码,事项名称\n'))).rejects.toBeInstanceOf(NotAWorkbookError);
    const good = await xlsx();
    await expect(openWorkbook(good.subarray(0, good.length - 30))).rejects.toBeInstanceOf(NotAWorkbookError);
  });

  it('reads a cell as the admin sees it', () => {
    expect(cellText(' SX-1 ')).toBe('SX-1');
    expect(cellText(410108001)).toBe('410108001');
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText({ richText: [{ text: '企业' }, { text: '登记' }] })).toBe('企业登记');
    expect(cellText({ formula: 'A1', result: '是' })).toBe('是');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText(null)).toBe('');
  });
});
