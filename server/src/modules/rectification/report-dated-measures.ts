// The dated measures of a report item ("2024年6月5日，向全区行政审批单位发送《…通知》"): each
// is a thing the hall did on a day, which is what a piece of evidence is. The import records
// them as the item's evidence from the report, with the line they stand on. Pure: no I/O.

import type { MeasureBlock, ParsedReport } from './report-types';

export interface DatedMeasure {
  /** YYYY-MM-DD; the first of the month when the report gives only the month. */
  date: string;
  /** The date as the report writes it ("7月17日", "2024年6月上旬"). */
  dateText: string;
  /** The sentence (or clause between semicolons) holding the date, as written. */
  text: string;
  line: number;
}

export interface SignedDate {
  year: number;
  month: number;
  day: number;
}

// A date reaching at least the month; "2023年以来" (a year alone) dates nothing. 上旬/中旬/下旬
// are kept in the text as written.
const DATE_RE =
  /(?<![0-9])(?:(?<year>20[0-9]{2})\s*年\s*)?(?<month>1[0-2]|0?[1-9])\s*月(?:份)?(?:\s*(?<day>3[01]|[12][0-9]|0?[1-9])\s*日)?(?:[上中下]旬)?/g;
// "自5月份以来", "截至2024年8月", "5月以来": a span up to now, not the day something was done.
const SPAN_BEFORE = /(?:自|从|截至|截止|截止到|至)\s*$/;
const SPAN_AFTER = /^\s*(?:以来|至今|起至今|底前|前)/;
// Sentences end at 。；; and at ！？; a clause between semicolons is its own measure.
const SENTENCE_RE = /[^。；;！？!?]+[。；;！？!?]?/g;
const FULL_DATE_RE = /(?<![0-9])(20[0-9]{2})\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12][0-9]|0?[1-9])\s*日/g;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The day the report is signed: the latest full date of its closing text ("2024年9月26日"),
 * else of its summary. Dates without a year in the items are read in its year.
 */
export function signedDate(report: Pick<ParsedReport, 'preamble' | 'epilogue'>): SignedDate | null {
  for (const lines of [report.epilogue, report.preamble]) {
    let latest: SignedDate | null = null;
    for (const l of lines)
      for (const m of l.text.matchAll(FULL_DATE_RE)) {
        const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
        if (!latest || key(d) > key(latest)) latest = d;
      }
    if (latest) return latest;
  }
  return null;
}

const key = (d: SignedDate) => d.year * 10_000 + d.month * 100 + d.day;

function isRealDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The first date in the sentence that names a day something was done, or null. */
function dateOf(sentence: string, signed: SignedDate | null): { date: string; dateText: string } | null {
  for (const m of sentence.matchAll(DATE_RE)) {
    const at = m.index;
    if (SPAN_BEFORE.test(sentence.slice(0, at)) || SPAN_AFTER.test(sentence.slice(at + m[0].length))) continue;
    const g = m.groups ?? {};
    const month = Number(g.month);
    const day = g.day === undefined ? 1 : Number(g.day);
    // Without a year: the report's year, or the year before when the day would fall after it was signed.
    let year = g.year === undefined ? signed?.year : Number(g.year);
    if (year === undefined) continue;
    if (g.year === undefined && signed && key({ year, month, day }) > key(signed)) year -= 1;
    if (!isRealDay(year, month, day)) continue;
    return { date: `${year}-${pad(month)}-${pad(day)}`, dateText: m[0].trim() };
  }
  return null;
}

/** Every sentence of the block's measures that says what was done on a day, in the report's order. */
export function datedMeasures(block: MeasureBlock, signed: SignedDate | null): DatedMeasure[] {
  const found: DatedMeasure[] = [];
  block.measures.forEach((measure, i) => {
    for (const s of measure.matchAll(SENTENCE_RE)) {
      const text = s[0].trim();
      if (text.length < 4) continue;
      const dated = dateOf(text, signed);
      if (dated) found.push({ ...dated, text, line: block.measureLines[i] });
    }
  });
  return found;
}
