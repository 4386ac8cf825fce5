import type { Workbook } from 'exceljs';

// exceljs is loaded on the first export, not at start: it costs a quarter of a second of every
// process start (server, worker, CLI) for a feature used a few times a month.

// A require, not import(): the server is CommonJS, and jest's module registry has no import().
let exceljs: typeof import('exceljs') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExceljs = (): typeof import('exceljs') => (exceljs ??= require('exceljs') as typeof import('exceljs'));

/** A new workbook written by Hallwatch. */
export async function newWorkbook(): Promise<Workbook> {
  const wb = new (loadExceljs().Workbook)();
  wb.creator = 'Hallwatch';
  return wb;
}

/** The .xlsx bytes of a workbook that `fill` writes. */
export async function workbookBytes(fill: (wb: Workbook) => void): Promise<Buffer> {
  const wb = await newWorkbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
