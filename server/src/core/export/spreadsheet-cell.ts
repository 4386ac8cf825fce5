// Text starting with = + - @, a tab or a carriage return can run as a formula once a sheet is
// re-saved or pasted as CSV (formula injection), and much of what Hallwatch exports was typed
// by someone else. A leading apostrophe keeps it text. Numbers, dates and empty cells pass as they are.
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every value of an exceljs row object, made safe as above. */
export function spreadsheetRow<R extends Record<string, unknown>>(row: R): Record<keyof R, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetCell(v)])) as Record<keyof R, unknown>;
}
