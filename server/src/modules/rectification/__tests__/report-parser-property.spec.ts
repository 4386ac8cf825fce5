// Adversarial reports: long runs of digits, numerals, spaces and punctuation, headings repeated
// many times, and long lines. The parser must finish on every one (a quadratic pattern would
// hang this test far beyond jest's timeout), answer the same twice, and refuse exactly the
// texts that hold a line over the cap. How its time grows is measured by `npm run bench -- parser`.
import fc from 'fast-check';
import { REPORT_MAX_LINE_CHARS, ReportLimitError } from '../report-limits';
import { parseReport, type ParsedReport } from '../report-parser';

// Markers the line patterns and the figure patterns key on, so runs land where they bite.
const MARKERS = [
  '',
  '对照巡察反馈',
  '反馈问题共',
  '(1)',
  '（12）',
  '(一)',
  '二、',
  '3.',
  '一是',
  '第二,',
  '三中',
  '①',
  '整改情况:',
  '每天',
  '2024年',
  '第',
  'A',
];
const FILLERS = ['7', '１', '一', '十', ' ', '　', ',', '，', '、', ':', '.', '%', '\u2028', '(', '）', '整改情况:'];
const ENDS = ['', '个具体问题', '次', '%', '余条', '月', '日', 'x', '\u2029y', '。'];

/** A marker, a run of one filler, an end: e.g. "对照巡察反馈" + 5,000 digits + "个具体问题". */
const runLine = fc
  .tuple(fc.constantFrom(...MARKERS), fc.constantFrom(...FILLERS), fc.integer({ min: 0, max: 6000 }), fc.constantFrom(...ENDS))
  .map(([marker, filler, n, end]) => marker + filler.repeat(n) + end);

/** One short line repeated: a heading (1) 500 times, or a measure 一是 after each. */
const repeatedLines = fc
  .tuple(fc.constantFrom('(1)问题。', '(一)方面', '整改情况:', '一是措施。', '1.标题', '(2)', ''), fc.integer({ min: 1, max: 800 }))
  .map(([line, n]) => Array.from({ length: n }, () => line).join('\n'));

/** Items numbered one after another, each with a measure numbered as its own heading. */
const numberedItems = fc
  .integer({ min: 1, max: 999 })
  .map((n) => Array.from({ length: n }, (_, i) => `(${i + 1})问题。\n（${i + 1}）措施。`).join('\n'));

const report = fc
  .array(fc.oneof(runLine, repeatedLines, numberedItems), { minLength: 1, maxLength: 6 })
  .chain((parts) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => parts.join(eol)));

const longestLine = (text: string): number => Math.max(...text.split(/\r\n|\r|\n/).map((l) => l.length));

// Compared as JSON: jest's deep equality on reports of thousands of items is what would be slow.
const canonical = (r: ParsedReport | ReportLimitError): string =>
  r instanceof ReportLimitError ? `${r.kind}: ${r.message}` : JSON.stringify(r);

const parseOrLimit = (text: string, maxLineChars: number): ParsedReport | ReportLimitError => {
  try {
    return parseReport(text, { maxLineChars });
  } catch (err) {
    if (err instanceof ReportLimitError) return err;
    throw err;
  }
};

describe('parseReport on adversarial input', () => {
  it('finishes, answers the same twice, and refuses a text exactly when a line is over the cap', () => {
    fc.assert(
      fc.property(report, fc.constantFrom(REPORT_MAX_LINE_CHARS, 3000), (text, cap) => {
        const first = parseOrLimit(text, cap);
        expect(canonical(parseOrLimit(text, cap))).toBe(canonical(first));
        const over = longestLine(text.replace(/^\uFEFF/, '')) > cap;
        expect(first instanceof ReportLimitError).toBe(over);
        if (first instanceof ReportLimitError) expect(first.kind).toBe('line-too-long');
      }),
      { numRuns: 150 },
    );
  });

  it('reads a run of digits, however long, as no stated count and no figure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 13, max: 50_000 }), fc.constantFrom('个具体问题', '%', '条', '次'), (n, end) => {
        const r = parseReport(`对照巡察反馈\n(1)问题。\n一是每天${'7'.repeat(n)}${end}`, { maxLineChars: Infinity });
        expect(r.statedCount).toBeNull();
        expect(r.items[0].figures).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
