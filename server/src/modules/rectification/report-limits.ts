// What the report parser refuses rather than reads. Every pattern it runs is linear in the
// line it reads; the line cap bounds what a single line can cost and keeps a pasted blob
// (a base64 image, a run of digits) from passing for a report. See docs/security.md,
// "Report import limits".

/** The longest line the parser reads; the published report's longest is about 500 characters. */
export const REPORT_MAX_LINE_CHARS = 10_000;

/**
 * The most items one report may bring: a report of this kind numbers its problems in the tens (item numbers have at most three digits)
 * (the published one has 60); a file of a hundred thousand "(N)" lines is not a report, and
 * would be written in one transaction.
 */
export const REPORT_MAX_ITEMS = 500;

export interface ReportLimits {
  maxLineChars: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { maxLineChars: REPORT_MAX_LINE_CHARS };

export type ReportLimitKind = 'line-too-long' | 'time-limit';

/** A report the parser will not read; the message names the line or the limit and its setting. */
export class ReportLimitError extends Error {
  constructor(
    readonly kind: ReportLimitKind,
    message: string,
  ) {
    super(message);
    this.name = 'ReportLimitError';
  }
}

/** The first line longer than the cap, found in one pass without splitting the text. */
export function checkLineLengths(text: string, limits: ReportLimits = DEFAULT_REPORT_LIMITS): void {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (ch !== 0x0a && ch !== 0x0d) continue;
    const length = i - start;
    if (length > limits.maxLineChars)
      throw new ReportLimitError(
        'line-too-long',
        `line ${line} is ${length} characters long; the limit is ${limits.maxLineChars} characters per line (is this the published report as text?)`,
      );
    // "\r\n" is one line break, as the parser splits it.
    if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    line++;
    start = i + 1;
  }
}
