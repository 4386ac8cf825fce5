import { spreadsheetCell, spreadsheetRow } from './spreadsheet-cell';

describe('spreadsheet cells', () => {
  it.each(['=1+1', '+86 555', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('keeps %j as text with a leading apostrophe', (v) => {
    expect(spreadsheetCell(v)).toBe(`'${v}`);
  });

  it('leaves other text, numbers and empty values alone', () => {
    expect(spreadsheetCell('窗口 3')).toBe('窗口 3');
    expect(spreadsheetCell(-3)).toBe(-3);
    expect(spreadsheetCell(null)).toBeNull();
    expect(spreadsheetRow({ a: '=x', b: 2, c: '' })).toEqual({ a: "'=x", b: 2, c: '' });
  });
});
