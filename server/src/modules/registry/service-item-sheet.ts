import { newWorkbook } from '../../core/export/workbook';
import type { ServiceItemSheetField, SheetProblem } from '@hallwatch/shared';
import type { CellValue, Worksheet } from 'exceljs';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';
import { REGISTRY_CODE } from '../../core/validation/input-validation';

// The hall's list of service items (事项清单) as an Excel sheet: the template an admin fills in,
// and the reading of a filled one into rows and problems, each naming its row and column.

export const SHEET_FIELD = 'file';
/** The district's whole list is some 1,700 items (report, item 18): a few times that is a mistake. */
export const SHEET_MAX_ROWS = 5000;
/** Some 1,700 rows take well under 200 KB. */
export const SHEET_MAX_BYTES = 2 * 1024 * 1024;
/** What the workbook's parts may unzip to: exceljs holds them all in memory, so a zip bomb stops here. */
export const SHEET_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
export const NAME_MAX = 500;

/** The template's headers; a filled sheet's columns are found by these or their aliases, in any order. */
const HEADERS: Record<ServiceItemSheetField, { title: string; aliases: string[]; width: number }> = {
  code: { title: '事项编码', aliases: ['事项编码', '编码', '事项代码', 'code', 'itemcode'], width: 28 },
  name: { title: '事项名称', aliases: ['事项名称', '名称', 'name', 'itemname'], width: 48 },
  department: { title: '部门（编码或名称）', aliases: ['部门', '部门编码', '部门名称', '实施部门', 'department'], width: 24 },
  negativeList: { title: '负面清单（是/否）', aliases: ['负面清单', '是否负面清单', 'negativelist'], width: 18 },
};
const FIELDS = Object.keys(HEADERS) as ServiceItemSheetField[];
const REQUIRED_COLUMNS: ServiceItemSheetField[] = ['code', 'name'];

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0', '×']);

export interface SheetRow {
  row: number;
  code: string;
  name: string;
  /** As written: a department's code or name, or '' for none. */
  department: string;
  negativeList: boolean;
}

export interface ReadSheet {
  rows: SheetRow[];
  problems: SheetProblem[];
  /** Rows with anything in the sheet's columns, good or not. */
  count: number;
  /** Where each column found is, by its letter. */
  columns: Partial<Record<ServiceItemSheetField, string>>;
}

/** The file is not a workbook exceljs can open (an .xls, a CSV renamed, a damaged file). */
export class NotAWorkbookError extends Error {}

/** The workbook would unzip to more than SHEET_MAX_UNZIPPED_BYTES. */
export class SheetTooLargeError extends Error {
  constructor(readonly unzippedBytes: number) {
    super(`unzips to ${unzippedBytes} bytes`);
  }
}

// "部门（编码或名称）" and "Department (code or name)" both read as the bare header.
const normalise = (header: string): string =>
  header
    .replace(/[（(].*?[)）]/g, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();

const columnLetter = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

/** A cell's text as the admin sees it: rich text joined, a formula's result, a whole number without ".0". */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isSafeInteger(value) || !Number.isInteger(value) ? String(value) : BigInt(value).toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * The sizes the zip's central directory declares its entries unzip to, summed; null when the
 * directory cannot be read (then it is no workbook) or uses zip64 (no sheet of ours needs it).
 */
export function declaredUnzippedBytes(zip: Buffer): number | null {
  const EOCD = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  // The end record is the last 22 bytes plus a comment of at most 65,535.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== ENTRY) return null;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

export async function openWorkbook(bytes: Buffer): Promise<Worksheet | undefined> {
  // An .xlsx is a zip; anything else (an old .xls, CSV, PDF) is refused before exceljs tries it.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new NotAWorkbookError('not a zip');
  const unzipped = declaredUnzippedBytes(bytes);
  if (unzipped === null) throw new NotAWorkbookError('unreadable zip directory');
  if (unzipped > SHEET_MAX_UNZIPPED_BYTES) throw new SheetTooLargeError(unzipped);
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new NotAWorkbookError((err as Error).message);
  }
  return wb.worksheets[0];
}

/** Rows and problems of the first worksheet; departments are checked later, against the site's. */
export function readSheet(sheet: Worksheet | undefined): ReadSheet {
  const problems: SheetProblem[] = [];
  const columns = new Map<ServiceItemSheetField, number>();
  sheet?.getRow(1).eachCell((cell, col) => {
    const header = normalise(cellText(cell.value));
    const field = FIELDS.find((f) => HEADERS[f].aliases.some((a) => normalise(a) === header));
    if (field && !columns.has(field)) columns.set(field, col);
  });
  const letters = Object.fromEntries([...columns].map(([f, n]) => [f, columnLetter(n)]));
  for (const field of REQUIRED_COLUMNS)
    if (!columns.has(field)) problems.push({ row: 1, column: null, field, problem: 'missing_column', value: HEADERS[field].title });
  if (!sheet || problems.length) return { rows: [], problems, columns: letters, count: 0 };
  if (sheet.actualRowCount - 1 > SHEET_MAX_ROWS) {
    problems.push({ row: SHEET_MAX_ROWS + 2, column: null, field: null, problem: 'too_many_rows', value: String(SHEET_MAX_ROWS) });
    return { rows: [], problems, columns: letters, count: 0 };
  }

  const rows: SheetRow[] = [];
  let count = 0;
  const firstRowOf = new Map<string, number>();
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const text = (f: ServiceItemSheetField) => (columns.has(f) ? cellText(r.getCell(columns.get(f)!).value) : '');
    const at = (f: ServiceItemSheetField) => letters[f] ?? null;
    const cells = Object.fromEntries(FIELDS.map((f) => [f, text(f)])) as Record<ServiceItemSheetField, string>;
    // A row with nothing in the sheet's columns is spacing, not an item.
    if (FIELDS.every((f) => !cells[f])) return;
    count += 1;
    const problem = (field: ServiceItemSheetField, kind: SheetProblem['problem'], value: string | null) =>
      problems.push({ row: n, column: at(field), field, problem: kind, value });
    const before = problems.length;

    const codeCell = columns.has('code') ? r.getCell(columns.get('code')!).value : null;
    if (!cells.code) problem('code', 'required', null);
    // Excel keeps 15 significant digits: a long code typed as a number has already lost its tail.
    else if (typeof codeCell === 'number' && !Number.isSafeInteger(codeCell)) problem('code', 'code_as_number', cells.code);
    else if (!REGISTRY_CODE.test(cells.code)) problem('code', 'bad_code', cells.code);
    else if (firstRowOf.has(cells.code)) problem('code', 'duplicate_code', String(firstRowOf.get(cells.code)));
    else firstRowOf.set(cells.code, n);
    if (!cells.name) problem('name', 'required', null);
    else if (cells.name.length > NAME_MAX) problem('name', 'too_long', String(NAME_MAX));
    const flag = cells.negativeList.toLowerCase();
    if (!YES.has(flag) && !NO.has(flag)) problem('negativeList', 'bad_flag', cells.negativeList);

    if (problems.length === before)
      rows.push({ row: n, code: cells.code, name: cells.name, department: cells.department, negativeList: YES.has(flag) });
  });
  if (!rows.length && !problems.length) problems.push({ row: 2, column: null, field: null, problem: 'no_rows', value: null });
  return { rows, problems, columns: letters, count };
}

/** The blank sheet to fill in, with a second sheet listing the site's departments to name. */
export async function sheetTemplate(departments: Array<{ code: string; name: string }>): Promise<Buffer> {
  const wb = await newWorkbook();
  const items = wb.addWorksheet('事项清单');
  items.columns = FIELDS.map((f) => ({ header: HEADERS[f].title, key: f, width: HEADERS[f].width }));
  items.getRow(1).font = { bold: true };
  items.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('部门与说明');
  help.columns = [
    { header: '部门编码', key: 'code', width: 20 },
    { header: '部门名称', key: 'name', width: 36 },
  ];
  help.getRow(1).font = { bold: true };
  for (const d of departments) help.addRow({ code: spreadsheetCell(d.code), name: spreadsheetCell(d.name) });
  help.addRow({});
  help.addRow({ code: '说明', name: '每行一个事项；按事项编码新增或更新，清单中没有的事项保持不变。负面清单填“是”或“否”，留空为“否”。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
