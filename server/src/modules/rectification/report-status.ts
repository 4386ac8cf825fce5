// What a published report says about where its items stand: "目前已全部整改" for all of them
// in the leadership's summary, "长期坚持" in one item's own measures. The import sets each
// item's status from this, so that the look-back (回头看) the report promises starts on the
// day the report is imported. Pure: no I/O.

import type { RectificationStatus } from '@hallwatch/shared';
import type { MeasureBlock, ParsedReport, TextLine } from './report-types';

export interface StatedStatus {
  status: RectificationStatus;
  /** The words as the report writes them, e.g. "目前已全部整改". */
  phrase: string;
  line: number;
  /** `report`: said of every item at once; `item`: in the item's own text. */
  scope: 'report' | 'item';
}

// Said of the report's items as a whole. Read only outside the items (summary and closing), where
// a sentence such as "对照巡察反馈的60个具体问题，目前已全部整改" speaks for all of them.
const REPORT_WIDE: Array<{ status: RectificationStatus; re: RegExp }> = [
  { status: 'in_progress', re: /(?:正在|仍在|尚在)(?:全力|持续|加紧)?(?:推进)?整改|尚未全部整改|部分(?:问题)?(?:正在|尚未)整改/ },
  // "已": a plan in the closing text ("确保…全部整改到位") is not a statement that it is done.
  { status: 'rectified', re: /(?:目前)?(?:已|均已|已经)(?:全部|全面)(?:整改(?:完毕|到位|完成)?|完成整改)/ },
];

// Said in one item's own measures. A sentence about part of the item ("区发改委已整改完毕") is not
// the item's status, so only words a report uses for an item's standing count. Checked in this
// order: the most cautious word an item uses is its status.
const ITEM_WORDS: Array<{ status: RectificationStatus; re: RegExp }> = [
  { status: 'in_progress', re: /正在(?:持续)?整改|整改(?:工作)?(?:正在|仍在)(?:推进|进行)|尚未(?:全部)?(?:整改|完成)|持续整改中/ },
  { status: 'ongoing', re: /长期坚持|常抓不懈|久久为功/ },
  { status: 'rectified', re: /(?:^|[，,。；;：:])(?:该问题|此问题|本项)?(?:已整改(?:完毕|到位)?|已完成整改|整改完成)(?=[。；;，,]|$)/ },
];

function firstMatch(lines: readonly TextLine[], words: typeof REPORT_WIDE): Omit<StatedStatus, 'scope'> | null {
  for (const { status, re } of words)
    for (const l of lines) {
      const m = re.exec(l.text);
      if (m) return { status, phrase: m[0].replace(/^[，,。；;：:]/, ''), line: l.line };
    }
  return null;
}

/** The status the report states for all its items, from its summary or closing text; null when it states none. */
export function reportWideStatus(report: Pick<ParsedReport, 'preamble' | 'epilogue'>): StatedStatus | null {
  // The closing text's "对已经完成的整改任务…" is about next steps, not a statement: the summary comes first.
  const found = firstMatch(report.preamble, REPORT_WIDE) ?? firstMatch(report.epilogue, REPORT_WIDE);
  return found && { ...found, scope: 'report' };
}

/** The block's own lines: measures and the remarks after them, with their source lines. */
function blockLines(block: MeasureBlock): TextLine[] {
  const measures = block.measures.map((text, i) => ({ text, line: block.measureLines[i] }));
  // Remarks carry no line of their own; they follow the last measure up to the block's end.
  const remarks = block.remarks.map((text) => ({ text, line: block.endLine }));
  return [...measures, ...remarks];
}

/** An item's status: what its own text says, else what the report says of all items, else null. */
export function statedItemStatus(block: MeasureBlock, reportWide: StatedStatus | null): StatedStatus | null {
  const own = firstMatch(blockLines(block), ITEM_WORDS);
  if (own) return { ...own, scope: 'item' };
  return reportWide;
}
