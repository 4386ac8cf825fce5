// Reading text without document context: numerals, the structural role a line can play on
// its own, and the figures a passage quotes. Which item a line belongs to is decided elsewhere.

import type { FigureSource, ParsedFigure } from './report-types';

export type LineKind =
  | 'blank'
  | 'part' // 三、下一步整改工作安排
  | 'section' // (一)落实巡察发现问题…
  | 'paren' // (12) — an item heading, or a （1） measure inside an item
  | 'arabic' // 1. — a subsection heading, or a measure
  | 'cn' // 一是 / 第一,
  | 'circled' // ①
  | 'label' // 整改情况:
  | 'closing' // 欢迎…监督 / 联系方式 / the date line
  | 'garbled'
  | 'paragraph';

export interface ClassifiedLine {
  line: number;
  text: string;
  kind: LineKind;
  ordinal: number | null;
  numeral: string | null;
  /** The text after the marker; for a label, whatever follows its colon. */
  body: string;
  /** Contains U+FFFD or control characters: probably a bad conversion, worth a warning. */
  corrupt: boolean;
}

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105; null for anything else. */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let pending = 0;
  for (const ch of text) {
    const digit = CN_DIGITS[ch];
    if (digit !== undefined) pending = digit;
    else if (ch === '十' || ch === '百') {
      total += (pending || 1) * (ch === '十' ? 10 : 100);
      pending = 0;
    } else return null;
  }
  return total + pending;
}

/** Accepts ASCII or full-width digits, or a Chinese numeral. */
export function parseNumberToken(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return parseChineseNumeral(ascii);
}

// Every pattern accepts full-width and half-width brackets and punctuation, since real
// reports mix them even within one document.
// Linear time (docs/security.md, "Report import limits"): the line patterns are anchored at the
// start, so each is tried once per line, and they end in `([\s\S]*)`, which takes the rest of
// the line and cannot fail. A `(.*)$` ending failed on a line holding U+2028, and then every
// split of the spaces before it was tried again: quadratic, cubic for two runs of spaces.
const PART_RE = /^([一二三四五六七八九十]{1,3})\s*[、．.]\s*([\s\S]*)/;
const SECTION_RE = /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*([\s\S]*)/;
const PAREN_RE = /^[(（]\s*([0-9０-９]{1,3})\s*[)）]\s*([\s\S]*)/;
// "4.15日国家安全教育日" starts with a decimal, not a list marker.
const ARABIC_RE = /^([0-9０-９]{1,2})\s*[.．、](?![0-9０-９])\s*([\s\S]*)/;
const CN_MEASURE_RE = /^(?:([一二三四五六七八九十]{1,3})是|第([一二三四五六七八九十]{1,3})(?=\s*[,，、:：]))\s*[,，、:：]?\s*([\s\S]*)/;
const CIRCLED_RE = /^([\u2460-\u2473])\s*([\s\S]*)/;
const LABEL_RE = /^整改(?:落实)?(?:情况|措施|进展|结果)(?:如下)?\s*(?:[:：]\s*([\s\S]*))?$/;
const LABEL_PREFIX_RE = /^整改(?:落实)?(?:情况|措施|进展|结果)(?:如下)?\s*[:：]\s*/;
const CLOSING_RE =
  /^(?:欢迎(?:广大|社会各界)|(?:联系(?:方式|电话)|邮政编码|通[信讯]地址|电子(?:信箱|邮箱)|来信地址)\s*[:：]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$)/;
// A bracketed number missing its other bracket: a heading damaged in conversion.
const MALFORMED_RE =
  /^(?:[(（]\s*[0-9０-９]{1,3}(?![0-9０-９\s)）])|[(（]\s*[0-9０-９]{1,3}\s+(?![)）])|[0-9０-９]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}[)）])/;
// eslint-disable-next-line no-control-regex
const CORRUPT_RE = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const HAS_CONTENT_RE = /[\p{L}\p{N}]/u;
const TITLE_END_RE = /[。！？；;!?]/;

// A slip for 是 seen in real reports ("三中加强内部控制"); only accepted where the numbering expects it.
// "三中全会" is a real phrase, not a typo.
const MARKER_TYPO_RE = /^([一二三四五六七八九十]{1,3})([中时事市式实视示])(?!全会)\s*[,，、:：]?\s*([\s\S]+)/;

function make(line: number, text: string, kind: LineKind, numeral: string | null, body: string): ClassifiedLine {
  const ordinal = numeral === null ? null : parseNumberToken(numeral);
  return { line, text, kind, ordinal, numeral, body: body.trim(), corrupt: CORRUPT_RE.test(text) };
}

export function classifyLine(line: number, raw: string): ClassifiedLine {
  const text = raw.trim();
  if (text.length === 0) return make(line, text, 'blank', null, '');
  let m: RegExpExecArray | null;
  if ((m = SECTION_RE.exec(text))) return make(line, text, 'section', m[1], m[2]);
  if ((m = PAREN_RE.exec(text))) return make(line, text, 'paren', m[1], m[2]);
  if ((m = CN_MEASURE_RE.exec(text))) return make(line, text, 'cn', m[1] ?? m[2], m[3]);
  if ((m = PART_RE.exec(text))) return make(line, text, 'part', m[1], m[2]);
  if ((m = ARABIC_RE.exec(text))) return make(line, text, 'arabic', m[1], m[2]);
  if ((m = CIRCLED_RE.exec(text))) {
    const circled = make(line, text, 'circled', null, m[2]);
    return { ...circled, ordinal: m[1].charCodeAt(0) - 0x2460 + 1, numeral: m[1] };
  }
  if ((m = LABEL_RE.exec(text))) return make(line, text, 'label', null, m[1] ?? '');
  if (CLOSING_RE.test(text)) return make(line, text, 'closing', null, text);
  if (MALFORMED_RE.test(text) || !HAS_CONTENT_RE.test(text)) return make(line, text, 'garbled', null, text);
  return make(line, text, 'paragraph', null, text);
}

/** The text after any further 整改情况: labels at its start (a label repeated by mistake). */
export function unwrapLabels(body: string): string {
  let rest = body;
  for (let m = LABEL_PREFIX_RE.exec(rest); m !== null && m[0].length > 0; m = LABEL_PREFIX_RE.exec(rest)) rest = rest.slice(m[0].length);
  return rest;
}

/** Headings are short phrases; measures are sentences. Used to tell "3.财务制度落实不到位" from a measure "3.…。". */
export function isTitleLike(body: string): boolean {
  return body.length > 0 && body.length <= 40 && !TITLE_END_RE.test(body);
}

/** Reads "三中…" as measure 3 only when measure 3 is what the numbering expects next. */
export function readMarkerTypo(text: string, expected: number): { marker: string; body: string } | null {
  const m = MARKER_TYPO_RE.exec(text);
  if (!m || parseChineseNumeral(m[1]) !== expected) return null;
  return { marker: m[1] + m[2], body: m[3].trim() };
}

// Longer units first so that 万元 wins over 万 and 人次 over 人. Bare numbers without a unit
// are skipped: in these reports they are mostly document numbers (〔2024〕3号) or room numbers.
// Linear time: every number starts where a run of digits starts (a lookbehind) and has at most
// NUM digits, so a long run of digits is read once, not once per digit; no two unbounded
// quantifiers share the same characters (`\s*余?\s*` tried every split of a run of spaces).
const UNITS = '万元|亿元|人次|个月|元|个|名|次|项|家|人|份|条|台|笔|起|卷|篇|件|户|天|小时|套|处|类|位|批|张|场';

const NUM = '\\d{1,12}';
const FIGURE_RE = new RegExp(
  [
    // 一天四次 / 每季度召开1次 / 一年不少于2次: a short filler is allowed between period and count.
    `(?<freq>(?:每|一)个?(?<per>天|日|周|月|季度|年)[^\\d,，。;；、]{0,4}?(?<freqValue>[一二两三四五六七八九十]{1,6}|${NUM})次)`,
    '(?<date>(?<!\\d)(?<year>\\d{4})\\s*年(?:\\s*(?<ym>\\d{1,2})\\s*月(?:\\s*(?<ymd>\\d{1,2})\\s*日)?)?|(?<!\\d)(?<month>\\d{1,2})\\s*月(?:\\s*(?<day>\\d{1,2})\\s*日)?)',
    `(?<percent>(?<!\\d)(?<pValue>${NUM}(?:\\.${NUM})?)\\s*[%％])`,
    // "第6期" is an ordinal, and "A4" a paper size, not counts.
    `(?<qty>(?<![\\d.第A-Za-z])(?<qValue>${NUM}(?:\\.${NUM})?)\\s*(?:(?<approx>余)\\s*)?(?<unit>${UNITS}))`,
  ].join('|'),
  'g',
);

function toInt(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

function readDate(groups: Record<string, string | undefined>): { year: number | null; month: number | null; day: number | null } | null {
  const year = toInt(groups.year);
  const month = toInt(groups.ym ?? groups.month);
  const day = toInt(groups.ymd ?? groups.day);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year, month, day };
}

export function extractFigures(text: string, line: number, source: FigureSource): ParsedFigure[] {
  const figures: ParsedFigure[] = [];
  for (const match of text.matchAll(FIGURE_RE)) {
    const g = match.groups ?? {};
    const base = { text: match[0].trim(), line, source };
    if (g.freq !== undefined && g.per !== undefined && g.freqValue !== undefined) {
      const value = parseNumberToken(g.freqValue);
      if (value !== null) figures.push({ ...base, kind: 'frequency', value, per: g.per });
    } else if (g.date !== undefined) {
      const date = readDate(g);
      if (date !== null) figures.push({ ...base, kind: 'date', ...date });
    } else if (g.percent !== undefined && g.pValue !== undefined) {
      figures.push({ ...base, kind: 'percent', value: Number(g.pValue) });
    } else if (g.qty !== undefined && g.qValue !== undefined && g.unit !== undefined) {
      figures.push({ ...base, kind: 'quantity', value: Number(g.qValue), unit: g.unit, approximate: g.approx !== undefined });
    }
  }
  return figures;
}
