// Assembles the items region of a report line by line: which item, section and subsection a
// line belongs to, and whether it is a heading, a problem, a measure or a remark. Blocks whose
// (N) heading was lost are kept apart and matched to the gap in the numbering afterwards.

import { classifyLine, extractFigures, isTitleLike, readMarkerTypo, unwrapLabels, type ClassifiedLine } from './report-text';
import type {
  MeasureBlock,
  NoteKind,
  ParsedItem,
  ParsedOrphanBlock,
  ParsedReport,
  ParsedSection,
  PartRef,
  SectionRef,
  SubsectionRef,
} from './report-types';
import type { TextLine, WarningKind } from './report-types';

type MeasureStyle = 'cn' | 'arabic' | 'paren' | 'circled' | 'paragraph';

interface Entry extends TextLine {
  marker: string;
}

interface Block {
  number: number | null;
  key: string;
  startLine: number;
  endLine: number;
  problem: TextLine | null;
  labelLine: number | null;
  opener: 'heading' | ParsedOrphanBlock['opener'];
  style: MeasureStyle | null;
  lastOrdinal: number | null;
  measures: Entry[];
  remarks: TextLine[];
  part: PartRef | null;
  section: SectionRef | null;
  subsection: SubsectionRef | null;
  afterItem: number | null;
}

const MARKER_KINDS: readonly string[] = ['paren', 'arabic', 'cn', 'circled'];

// "一是，" keeps only "一是": the marker, not its punctuation. The lookbehind starts the trailing
// run only where a run starts: tried from every character of "(   …   1)" it was quadratic.
const markerOf = (l: ClassifiedLine): string =>
  l.text.slice(0, l.text.length - l.body.length).replace(/(?<![\s,，、:：])[\s,，、:：]+$/, '');
const describe = (b: Block): string => (b.number !== null ? `item (${b.number})` : `the block at line ${b.startLine}`);

export class ItemAssembler {
  private part: PartRef | null = null;
  private section: SectionRef | null = null;
  private parsedSection: ParsedSection | null = null;
  private subsection: SubsectionRef | null = null;
  private block: Block | null = null;
  private maxNumber: number | null = null;
  private readonly numbersSeen = new Set<number>();
  private lastItem: ParsedItem | null = null;

  constructor(
    private readonly lines: readonly ClassifiedLine[],
    private readonly report: ParsedReport,
  ) {}

  /** Preamble headings still count: sections restarting after them reveal a dropped part heading. */
  trackHeading(l: ClassifiedLine): void {
    if (l.kind === 'part') this.enterPart(l);
    if (l.kind === 'section') this.enterSection(l, false);
  }

  finish(): void {
    this.close();
  }

  line(l: ClassifiedLine, index: number): void {
    if (l.corrupt && l.kind !== 'garbled')
      this.warn(l.line, 'garbled-line', `Line ${l.line} contains undecodable characters: "${l.text}".`);
    switch (l.kind) {
      case 'blank':
        return;
      case 'part':
        this.close();
        return this.enterPart(l);
      case 'section':
        this.close();
        return this.enterSection(l, true);
      case 'paren':
        return this.isParenMeasure(l, index) ? this.measure(l, 'paren') : this.itemHeading(l);
      case 'arabic': {
        const role = this.arabicRole(l);
        return role === 'measure' ? this.measure(l, 'arabic') : role === 'subsection' ? this.enterSubsection(l) : this.paragraph(l);
      }
      case 'cn':
      case 'circled':
        return this.measure(l, l.kind);
      case 'label':
        return this.label(l, index);
      case 'garbled':
        return this.unplace(l, 'garbled-line', `Line ${l.line} looks garbled and was not placed: "${l.text}".`);
      default:
        return this.paragraph(l);
    }
  }

  // "(2)" inside an item is either the next item or the item's own （2） measure.
  private isParenMeasure(l: ClassifiedLine, index: number): boolean {
    const b = this.block;
    const k = l.ordinal;
    if (b === null || k === null) return false;
    const fits = b.style === 'paren' ? k === (b.lastOrdinal ?? 0) + 1 : b.style === null && k === 1;
    if (!fits || k !== (this.maxNumber ?? 0) + 1) return fits;
    // Both readings fit: an item heading is followed by its label or by a first measure.
    let after = index + 1;
    while (after < this.lines.length && this.lines[after].kind === 'blank') after++;
    const next = this.lines[after] as ClassifiedLine | undefined;
    return !(next && (next.kind === 'label' || (MARKER_KINDS.includes(next.kind) && next.ordinal === 1)));
  }

  // "3." is a measure inside 1./2./3. numbering, otherwise a subsection heading such as
  // "3.财务制度落实不到位"; headings are short phrases, measures are sentences.
  private arabicRole(l: ClassifiedLine): 'measure' | 'subsection' | 'paragraph' {
    const b = this.block;
    const k = l.ordinal ?? 0;
    if (b === null) return 'subsection';
    const subsectionFits = isTitleLike(l.body) && (this.subsection === null || k === this.subsection.ordinal + 1);
    if (b.style === null && b.measures.length === 0) return k === 1 || !subsectionFits ? 'measure' : 'subsection';
    if (b.style === 'arabic') return subsectionFits ? 'subsection' : 'measure';
    return isTitleLike(l.body) ? 'subsection' : 'paragraph';
  }

  private itemHeading(l: ClassifiedLine): void {
    this.close();
    const n = l.ordinal ?? 0;
    const duplicate = this.numbersSeen.has(n);
    this.numbersSeen.add(n);
    if (duplicate) this.warn(l.line, 'duplicate-item', `Item (${n}) at line ${l.line} repeats an earlier number; kept under its own key.`);
    else if (this.maxNumber !== null && n < this.maxNumber)
      this.warn(l.line, 'out-of-order-item', `Item (${n}) at line ${l.line} comes after (${this.maxNumber}).`);
    this.block = this.newBlock(n, l.line, 'heading');
    // The number is the report's own identity for a problem; a repeat gets its line so keys stay unique.
    this.block.key = duplicate ? `item-${n}@${l.line}` : `item-${n}`;
    this.block.problem = l.body ? { line: l.line, text: l.body } : null;
    this.maxNumber = Math.max(this.maxNumber ?? n, n);
    this.parsedSection?.itemNumbers.push(n);
  }

  private label(l: ClassifiedLine, index: number): void {
    const b = this.block;
    if (b === null) return this.unplace(l, 'unplaced-line', `Line ${l.line}: a 整改情况 label outside any item: "${l.text}".`);
    // A second label after measures opens a block whose heading is missing (the seed's item 42).
    const target = b.measures.length > 0 || b.remarks.length > 0 ? this.openOrphan(l.line, 'label') : b;
    target.labelLine ??= l.line;
    target.endLine = l.line;
    // "整改情况:整改情况:…" is one label. Its text is classified once: classifying it again after
    // each label read the line once per label, quadratic.
    const rest = unwrapLabels(l.body);
    const inner = rest ? classifyLine(l.line, rest) : null;
    if (inner && inner.kind !== 'label') this.line(inner, index);
  }

  private measure(l: ClassifiedLine, style: MeasureStyle, marker = markerOf(l)): void {
    if (this.block === null) return this.unplace(l, 'unplaced-line', `Line ${l.line}: a numbered measure outside any item: "${l.text}".`);
    let b = this.block;
    const k = l.ordinal;
    if (style !== 'paragraph' && k !== null) {
      const last = b.lastOrdinal;
      // Numbering that starts again at 一是 belongs to another item, never to this one.
      if (k === 1 && last !== null) b = this.openOrphan(l.line, 'renumbered');
      else if (last === null && k > 1)
        this.note('measure-numbering', l.line, `The measures of ${describe(b)} start at "${marker}" (line ${l.line}).`);
      else if (last !== null && k > last + 1)
        this.note('measure-numbering', l.line, `${describe(b)}: measures skip to "${marker}" at line ${l.line}.`);
      else if (last !== null && k <= last)
        this.warn(l.line, 'measure-order', `Line ${l.line}: "${marker}" of ${describe(b)} breaks the numbering.`);
      b.lastOrdinal = k;
    }
    b.measures.push({ line: l.line, text: style === 'paragraph' ? l.text : l.body, marker });
    b.style = style;
    b.endLine = l.line;
  }

  private paragraph(l: ClassifiedLine): void {
    const b = this.block;
    if (b === null) return this.unplace(l, 'unplaced-line', `Line ${l.line} lies outside any item and was not placed: "${l.text}".`);
    const expected = (b.lastOrdinal ?? 0) + 1;
    const typo = b.style === 'cn' ? readMarkerTypo(l.text, expected) : null;
    if (typo) {
      this.note(
        'marker-typo',
        l.line,
        `Line ${l.line}: "${typo.marker}" is read as measure ${expected} of ${describe(b)} (a slip for "是").`,
      );
      return this.measure({ ...l, ordinal: expected, body: typo.body }, 'cn', typo.marker);
    }
    if (b.number !== null && b.problem === null && b.labelLine === null && b.measures.length === 0) {
      b.problem = { line: l.line, text: l.text };
      b.endLine = l.line;
    } else if (b.measures.length === 0 || b.style === 'paragraph') {
      if (b.labelLine === null && b.measures.length === 0)
        this.note('label-missing', l.line, `${describe(b)} has no 整改情况 label; line ${l.line} is read as its measure.`);
      this.measure(l, 'paragraph', '');
    } else {
      // Typically an outcome summary ("截至2024年8月…") rather than a further measure.
      this.note('remark', l.line, `Line ${l.line}: unnumbered text after the measures of ${describe(b)} is kept as a remark.`);
      b.remarks.push({ line: l.line, text: l.text });
      b.endLine = l.line;
    }
  }

  private enterPart(l: ClassifiedLine): void {
    this.part = { ordinal: l.ordinal, title: l.body, line: l.line, inferred: false };
    this.section = null;
    this.subsection = null;
  }

  private enterSection(l: ClassifiedLine, inItems: boolean): void {
    const k = l.ordinal ?? 0;
    const prev = this.section;
    if (prev !== null && k <= prev.ordinal) {
      // Sections restarting at (一) with no part heading between means a "二、" heading was dropped.
      const ordinal = (this.part?.ordinal ?? 1) + 1;
      this.part = { ordinal, title: null, line: l.line, inferred: true };
      const msg = `Section numbering restarts at (${l.numeral}) on line ${l.line} after (${prev.numeral}) on line ${prev.line} with no part heading between; inferred an unheaded part ${ordinal}.`;
      this.note('implied-part', l.line, msg);
    } else if (inItems && k !== (prev?.ordinal ?? 0) + 1) {
      this.note(
        'section-gap',
        l.line,
        `Section (${l.numeral}) at line ${l.line} does not follow ${prev ? `(${prev.numeral})` : 'the start'}.`,
      );
    }
    this.section = { ordinal: k, numeral: l.numeral ?? '', title: l.body, line: l.line };
    this.subsection = null;
    if (!inItems) return;
    this.parsedSection = { ...this.section, part: this.part, subsections: [], itemNumbers: [] };
    this.report.sections.push(this.parsedSection);
  }

  private enterSubsection(l: ClassifiedLine): void {
    this.close();
    const k = l.ordinal ?? 0;
    const expected = (this.subsection?.ordinal ?? 0) + 1;
    if (k !== expected) {
      const before = this.subsection === null ? (this.parsedSection?.itemNumbers ?? []) : [];
      const which =
        before.length > 1 ? `items (${before[0]})–(${before[before.length - 1]}) before it have` : `item (${before[0]}) before it has`;
      const items = before.length > 0 ? `; ${which} no subsection heading` : '';
      this.note('subsection-gap', l.line, `Subsection "${k}." at line ${l.line} was expected to be "${expected}."${items}.`);
    }
    this.subsection = { ordinal: k, title: l.body, line: l.line };
    this.parsedSection?.subsections.push(this.subsection);
  }

  private newBlock(number: number | null, line: number, opener: Block['opener']): Block {
    const context = { part: this.part, section: this.section, subsection: this.subsection };
    const empty = { problem: null, labelLine: null, style: null, lastOrdinal: null, measures: [], remarks: [] };
    return { number, key: '', startLine: line, endLine: line, opener, afterItem: this.lastItem?.number ?? null, ...context, ...empty };
  }

  private openOrphan(line: number, opener: Block['opener']): Block {
    this.close();
    this.block = this.newBlock(null, line, opener);
    return this.block;
  }

  private close(): void {
    const b = this.block;
    this.block = null;
    if (b === null) return;
    if (b.number === null) {
      // Which number it lacks is settled once all headings are known.
      this.report.orphans.push({
        key: null,
        inferredNumber: null,
        afterItem: b.afterItem,
        startLine: b.startLine,
        opener: b.opener === 'label' ? 'label' : 'renumbered',
        ...this.blockBody(b),
      });
      return;
    }
    const problem = b.problem ?? { line: b.startLine, text: '' };
    const body = this.blockBody(b);
    const figures = [...extractFigures(problem.text, problem.line, 'problem'), ...body.figures];
    this.lastItem = { key: b.key, number: b.number, problem: problem.text, sourceLine: b.startLine, ...body, figures };
    this.report.items.push(this.lastItem);
  }

  private blockBody(b: Block): MeasureBlock {
    const { part, section, subsection, labelLine, endLine } = b;
    const figures = [
      ...b.measures.flatMap((m) => extractFigures(m.text, m.line, 'measure')),
      ...b.remarks.flatMap((r) => extractFigures(r.text, r.line, 'remark')),
    ];
    const measureLines = b.measures.map((m) => m.line);
    return {
      part,
      section,
      subsection,
      labelLine,
      endLine,
      measures: b.measures.map((m) => m.text),
      measureMarkers: b.measures.map((m) => m.marker),
      measureLines,
      remarks: b.remarks.map((r) => r.text),
      figures,
    };
  }

  private unplace(l: ClassifiedLine, kind: WarningKind, message: string): void {
    this.report.unplaced.push({ line: l.line, text: l.text });
    this.warn(l.line, kind, message);
  }

  private warn(line: number, kind: WarningKind, message: string): void {
    this.report.warnings.push({ line, kind, message });
  }

  private note(kind: NoteKind, line: number, message: string, endLine = line): void {
    this.report.inferred.push({ line, endLine, kind, message });
  }
}
