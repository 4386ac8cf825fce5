// The shape of a parsed 巡察整改 report. Line numbers are 1-based throughout so that
// every value can be traced back to the published text.

export type FigureSource = 'problem' | 'measure' | 'remark';

interface FigureBase {
  /** The figure exactly as written, e.g. "99.52%", "2024年5月8日", "41家". */
  text: string;
  line: number;
  source: FigureSource;
}

export interface DateFigure extends FigureBase {
  kind: 'date';
  year: number | null;
  month: number | null;
  day: number | null;
}

export interface PercentFigure extends FigureBase {
  kind: 'percent';
  value: number;
}

export interface QuantityFigure extends FigureBase {
  kind: 'quantity';
  value: number;
  unit: string;
  /** Written with 余 ("100余条"): at least this many. */
  approximate: boolean;
}

/** A rate such as "一天四次": the kind of target a live indicator can check. */
export interface FrequencyFigure extends FigureBase {
  kind: 'frequency';
  value: number;
  per: string;
}

export type ParsedFigure = DateFigure | PercentFigure | QuantityFigure | FrequencyFigure;

export interface PartRef {
  ordinal: number | null;
  title: string | null;
  line: number;
  /** True when no "二、" heading exists and the part was deduced from sections restarting at (一). */
  inferred: boolean;
}

export interface SectionRef {
  ordinal: number;
  /** The numeral as written, e.g. "三". */
  numeral: string;
  title: string;
  line: number;
}

export interface SubsectionRef {
  ordinal: number;
  title: string;
  line: number;
}

/** What a rectification block holds, whether or not its heading survived. */
export interface MeasureBlock {
  part: PartRef | null;
  section: SectionRef | null;
  subsection: SubsectionRef | null;
  /** Line of the 整改情况 label, null when the report omits it. */
  labelLine: number | null;
  /** Measure texts with their 一是/1./（1） markers removed. */
  measures: string[];
  /** Source line of each entry in `measures`, index for index. */
  measureLines: number[];
  /** The marker each measure carried ("一是", "2.", "（3）"; "" when unnumbered), index for index. */
  measureMarkers: string[];
  /** Unnumbered paragraphs after numbered measures, typically an outcome summary ("截至2024年8月…"). */
  remarks: string[];
  figures: ParsedFigure[];
  endLine: number;
}

export interface ParsedItem extends MeasureBlock {
  /** Stable across re-imports of the same report, so the ledger can upsert instead of duplicating. */
  key: string;
  number: number;
  problem: string;
  /** Line of the (N) heading. */
  sourceLine: number;
}

/** A rectification block whose (N) heading is missing from the report. */
export interface ParsedOrphanBlock extends MeasureBlock {
  /** `item-N` once the number is inferred, so a later corrected report updates the same row; else null. */
  key: string | null;
  /** The item number deduced from a gap in the numbering, or null when it could not be deduced. */
  inferredNumber: number | null;
  /** The item whose measures preceded this block. */
  afterItem: number | null;
  startLine: number;
  /** How the block showed itself: a second 整改情况 label, or measure numbering starting again at 一是. */
  opener: 'label' | 'renumbered';
}

export interface ParsedSection extends SectionRef {
  part: PartRef | null;
  subsections: SubsectionRef[];
  itemNumbers: number[];
}

export interface TextLine {
  line: number;
  text: string;
}

export interface PreambleEntry extends TextLine {
  kind: 'part' | 'section' | 'paragraph';
}

export type WarningKind =
  | 'empty-input'
  | 'no-items'
  | 'count-mismatch'
  | 'stated-count-missing'
  | 'unplaced-line'
  | 'garbled-line'
  | 'duplicate-item'
  | 'out-of-order-item'
  | 'measure-order'
  | 'orphan-unassigned';

export interface ParseWarning {
  line: number;
  kind: WarningKind;
  message: string;
}

export type NoteKind =
  | 'preamble'
  | 'epilogue'
  | 'implied-part'
  | 'section-gap'
  | 'subsection-gap'
  | 'missing-item'
  | 'measure-numbering'
  | 'marker-typo'
  | 'label-missing'
  | 'remark';

export interface ParseNote {
  line: number;
  endLine: number;
  kind: NoteKind;
  message: string;
}

export interface ParsedReport {
  /** The number of problems the report says it rectified ("60个具体问题"), null when it says none. */
  statedCount: number | null;
  statedCountLine: number | null;
  items: ParsedItem[];
  orphans: ParsedOrphanBlock[];
  sections: ParsedSection[];
  /** Text before the section holding the first item (the leadership's own account), never items. */
  preamble: PreambleEntry[];
  /** Closing text after the last item: next steps, contact details, date. */
  epilogue: TextLine[];
  /** Lines that fit nowhere; each also has a warning. */
  unplaced: TextLine[];
  warnings: ParseWarning[];
  inferred: ParseNote[];
}
