// Reads a published 巡察整改 report (numbered (N) problems, each with 整改情况 and 一是…二是…
// measures, grouped under (一)…(四) sections) into rectification items. Pure: no I/O.
// Real reports are edited by hand, so every deviation is tolerated but reported: what the
// parser had to deduce goes to `inferred`, what it could not place goes to `warnings`.

import { ItemAssembler } from './report-items';
import { checkLineLengths, DEFAULT_REPORT_LIMITS, type ReportLimits } from './report-limits';
import { classifyLine, isTitleLike, parseNumberToken, type ClassifiedLine } from './report-text';
import type { NoteKind, ParsedItem, ParsedOrphanBlock, ParsedReport, WarningKind } from './report-types';

export type * from './report-types';

// "对照巡察反馈的60个具体问题" is how these reports state their total. A count is read only from
// the start of a run of numerals (the lookbehinds), and has at most three digits like an item
// heading: tried at every digit of a long run, an open-ended count made the search quadratic.
const STATED_COUNT_RES = [
  /((?<![0-9０-９])[0-9０-９]{1,3}|(?<![一二两三四五六七八九十百])[一二两三四五六七八九十百]{1,6})\s*(?:个|项|条)\s*(?:具体)?问题/,
  /反馈的?(?:意见|问题)[^。；;]{0,6}?((?<![0-9０-９])[0-9０-９]{1,3})\s*(?:个|项|条)/,
];

type Warn = (line: number, kind: WarningKind, message: string) => void;
type Note = (line: number, endLine: number, kind: NoteKind, message: string) => void;

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
const span = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);

/** Throws ReportLimitError for a line longer than `limits.maxLineChars`; otherwise linear in the text. */
export function parseReport(text: string, limits: ReportLimits = DEFAULT_REPORT_LIMITS): ParsedReport {
  const report: ParsedReport = {
    statedCount: null,
    statedCountLine: null,
    items: [],
    orphans: [],
    sections: [],
    preamble: [],
    epilogue: [],
    unplaced: [],
    warnings: [],
    inferred: [],
  };
  const warn: Warn = (line, kind, message) => void report.warnings.push({ line, kind, message });
  const note: Note = (line, endLine, kind, message) => void report.inferred.push({ line, endLine, kind, message });

  const body = text.replace(/^\uFEFF/, '');
  checkLineLengths(body, limits);
  const lines = body.split(/\r\n|\r|\n/).map((raw, i) => classifyLine(i + 1, raw));
  const firstContent = lines.find((l) => l.kind !== 'blank');
  if (firstContent === undefined) {
    warn(1, 'empty-input', 'The report is empty.');
    return report;
  }

  const firstItem = lines.findIndex((l) => l.kind === 'paren');
  const lastItem = lines.findLastIndex((l) => l.kind === 'paren');
  const start = firstItem < 0 ? lines.length : itemsStart(lines, firstItem);
  // Closing text starts at the first part heading ("三、下一步整改工作安排") or sign-off after the last item.
  const closing = lines.findIndex((l, i) => i > lastItem && (l.kind === 'part' || l.kind === 'closing'));
  const end = firstItem < 0 || closing < 0 ? lines.length : closing;
  const stated = findStatedCount([...lines.slice(0, start), ...lines.slice(end)]);
  report.statedCount = stated?.count ?? null;
  report.statedCountLine = stated?.line ?? null;

  const assembler = new ItemAssembler(lines, report);
  const outside = (l: ClassifiedLine, region: 'preamble' | 'epilogue'): void => {
    if (l.kind === 'blank') return;
    if (l.kind === 'garbled' || l.corrupt)
      warn(l.line, 'garbled-line', `Line ${l.line} looks garbled: "${l.text}" (kept in the ${region}).`);
    if (region === 'epilogue') return void report.epilogue.push({ line: l.line, text: l.text });
    assembler.trackHeading(l);
    report.preamble.push({ line: l.line, text: l.text, kind: l.kind === 'part' || l.kind === 'section' ? l.kind : 'paragraph' });
  };
  lines.slice(0, start).forEach((l) => outside(l, 'preamble'));
  for (let i = start; i < end; i++) assembler.line(lines[i], i);
  assembler.finish();
  const missing = firstItem < 0 ? [] : matchOrphans(report, warn, note);
  lines.slice(end).forEach((l) => outside(l, 'epilogue'));

  if (report.items.length === 0) warn(firstContent.line, 'no-items', 'No numbered (N) problem headings were found.');
  const { preamble, epilogue } = report;
  if (report.items.length > 0 && preamble.length > 0) {
    const last = preamble[preamble.length - 1].line;
    note(
      preamble[0].line,
      last,
      'preamble',
      `Lines ${span(preamble[0].line, last)} precede the section holding the first item and are read as preamble, not items.`,
    );
  }
  if (report.items.length > 0 && epilogue.length > 0) {
    const last = epilogue[epilogue.length - 1].line;
    note(epilogue[0].line, last, 'epilogue', `Lines ${span(epilogue[0].line, last)} follow the last item and are read as closing text.`);
  }
  if (report.statedCount === null)
    warn(firstContent.line, 'stated-count-missing', 'The report does not state how many problems it rectified.');
  else if (report.statedCount !== report.items.length) {
    const absent = missing.length > 0 ? `; missing: ${missing.map((n) => `(${n})`).join(', ')}` : '';
    const recovered = report.orphans
      .filter((o) => o.inferredNumber !== null)
      .map((o) => `(${o.inferredNumber}) at lines ${span(o.startLine, o.endLine)}`);
    const found = recovered.length > 0 ? `; measures without a heading were recovered for ${recovered.join(', ')}` : '';
    const message = `The report states ${report.statedCount} problems but ${report.items.length} item headings were found${absent}${found}.`;
    warn(report.statedCountLine ?? firstContent.line, 'count-mismatch', message);
  }
  // Notes and warnings are raised in several passes; line order is how a reader checks them.
  report.warnings.sort((a, b) => a.line - b.line);
  report.inferred.sort((a, b) => a.line - b.line);
  return report;
}

// The items begin with the headings that open the first item's section, not with the item
// itself: "(一)落实巡察发现问题…" belongs to the items although it precedes (1).
function itemsStart(lines: readonly ClassifiedLine[], firstItem: number): number {
  let start = firstItem;
  const back = (accept: (l: ClassifiedLine) => boolean): boolean => {
    let k = start - 1;
    while (k >= 0 && lines[k].kind === 'blank') k--;
    if (k < 0 || !accept(lines[k])) return false;
    start = k;
    return true;
  };
  while (back((l) => l.kind === 'arabic' && isTitleLike(l.body)));
  back((l) => l.kind === 'section');
  back((l) => l.kind === 'part');
  return start;
}

function findStatedCount(lines: readonly ClassifiedLine[]): { count: number; line: number } | null {
  for (const l of lines) {
    for (const re of STATED_COUNT_RES) {
      const m = re.exec(l.text);
      const count = m ? parseNumberToken(m[1]) : null;
      if (count !== null) return { count, line: l.line };
    }
  }
  return null;
}

// Gives each block without a heading the number the numbering skipped around it; only a
// one-to-one match is trusted. Returns every skipped number.
function matchOrphans(report: ParsedReport, warn: Warn, note: Note): number[] {
  const allMissing: number[] = [];
  let max: number | null = null;
  let waiting: ParsedOrphanBlock[] = [];
  const firstWithNumber = new Map<number, ParsedItem>();
  for (const item of report.items) if (!firstWithNumber.has(item.number)) firstWithNumber.set(item.number, item);
  const settle = (next: ParsedItem | null): void => {
    const missing = range((max ?? 0) + 1, next !== null ? next.number - 1 : Math.max(max ?? 0, report.statedCount ?? 0));
    allMissing.push(...missing);
    const where = `${max !== null ? `from (${max})` : 'at the start'} ${next !== null ? `to (${next.number}) at line ${next.sourceLine}` : 'to the end'}`;
    waiting.forEach((o, i) => {
      if (waiting.length === missing.length) {
        o.inferredNumber = missing[i];
        o.key = `item-${missing[i]}`;
      }
      const opened = o.opener === 'label' ? 'a second 整改情况 label' : `measure numbering starting again at "${o.measureMarkers[0]}"`;
      const markers = o.measureMarkers.filter((m) => m !== '');
      const numbering = markers.length > 1 ? ` (${markers[0]}…${markers[markers.length - 1]})` : '';
      const prev = o.afterItem === null ? undefined : firstWithNumber.get(o.afterItem);
      const after = prev
        ? `after item (${prev.number}) (lines ${span(prev.sourceLine, prev.endLine)}) had ended with its own measures`
        : 'before any item';
      const lines = `Lines ${span(o.startLine, o.endLine)} open with ${opened} ${after}, holding ${o.measures.length} measure(s)${numbering}`;
      if (o.inferredNumber === null)
        return warn(o.startLine, 'orphan-unassigned', `${lines}, but the numbering gap ${where} does not match; kept unassigned.`);
      const message = `No heading for item (${o.inferredNumber}): numbering jumps ${where}. ${lines}; they are read as the measures of the missing item ${o.inferredNumber}, whose problem text is absent, and are not attached to item (${o.afterItem}).`;
      note(o.startLine, o.endLine, 'missing-item', message);
    });
    if (missing.length > 0 && waiting.length !== missing.length) {
      const line = next?.sourceLine ?? report.items[report.items.length - 1].endLine;
      note(
        line,
        line,
        'missing-item',
        `Item(s) ${missing.map((n) => `(${n})`).join(', ')} absent: numbering jumps ${where} with no text to recover.`,
      );
    }
    waiting = [];
  };
  const events = [
    ...report.items.map((item) => ({ line: item.sourceLine, item })),
    ...report.orphans.map((orphan) => ({ line: orphan.startLine, orphan })),
  ];
  for (const e of events.sort((a, b) => a.line - b.line)) {
    if ('orphan' in e) waiting.push(e.orphan);
    else {
      settle(e.item);
      max = Math.max(max ?? e.item.number, e.item.number);
    }
  }
  settle(null);
  return allMissing;
}
