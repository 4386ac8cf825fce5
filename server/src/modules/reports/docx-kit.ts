import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';

// The look of the office's documents, after the usual layout of a government report: a
// centred title in a heavy face, headings in 黑体 and 楷体, body text in 仿宋 with a two-character
// first-line indent. The named faces are what a Chinese office's Word has; elsewhere the reader
// substitutes its own CJK faces.

const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'FangSong' };
const HEI = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'SimHei' };
const KAI = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'KaiTi' };
const TITLE = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'SimHei' };
/** Half-points: 三号 (16 pt) for the body, 二号 (22 pt) for the title. */
const SIZE = { title: 44, heading: 32, body: 30, table: 21, small: 21 };
const INDENT = 600; // two characters of 三号 text, in twips

// Headings keep with what follows them, so none is left alone at the foot of a page.
export const headingStyles = {
  default: { document: { run: { font: BODY, size: SIZE.body } } },
  paragraphStyles: [
    {
      id: 'Title',
      name: 'Title',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: TITLE, size: SIZE.title, bold: true, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
    },
    {
      id: 'Heading1',
      name: 'Heading 1',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: HEI, size: SIZE.heading, color: '000000' },
      paragraph: { keepNext: true, spacing: { before: 240, after: 120 }, indent: { firstLine: INDENT } },
    },
    {
      id: 'Heading2',
      name: 'Heading 2',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: KAI, size: SIZE.heading, color: '000000' },
      paragraph: { keepNext: true, spacing: { before: 160, after: 80 }, indent: { firstLine: INDENT } },
    },
    {
      id: 'Heading3',
      name: 'Heading 3',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: BODY, size: SIZE.body, bold: true, color: '000000' },
      paragraph: { keepNext: true, spacing: { before: 120, after: 60 }, indent: { firstLine: INDENT } },
    },
    {
      id: 'Heading4',
      name: 'Heading 4',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: BODY, size: SIZE.body, bold: true, color: '000000' },
      paragraph: { keepNext: true, spacing: { before: 120, after: 60 }, indent: { firstLine: INDENT } },
    },
  ],
};

export const title = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(text)] });
export const h1 = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
export const h2 = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
export const h3 = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(text)] });
export const h4 = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_4, children: [new TextRun(text)] });

export interface Run {
  text: string;
  bold?: boolean;
  color?: string;
  highlight?: 'yellow';
}

/** A body paragraph; parts may be bold or coloured (a figure filled in, a warning). */
export function para(...parts: Array<string | Run>): Paragraph {
  return new Paragraph({
    indent: { firstLine: INDENT },
    // Space above, so that a paragraph following a table does not touch it.
    spacing: { line: 360, before: 80 },
    children: parts.map((p) => (typeof p === 'string' ? new TextRun(p) : new TextRun({ ...p }))),
  });
}

/** A centred line in smaller text under the title (period, date, draft mark). */
export const note = (text: string, color = '555555', last = false): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: last ? 240 : 0 },
    children: [new TextRun({ text, size: SIZE.small, color })],
  });

export function image(png: Buffer, widthPx: number, heightPx: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: widthPx, height: heightPx } })],
  });
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '888888' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

/** A table of text cells, the first row a shaded header; `widths` are percentages. */
export function table(header: string[], rows: string[][], widths?: number[]): Table {
  const cell = (text: string, head: boolean, i: number) =>
    new TableCell({
      borders,
      width: widths ? { size: widths[i], type: WidthType.PERCENTAGE } : undefined,
      shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF4' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, size: SIZE.table, bold: head, font: head ? HEI : BODY })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

export interface DocumentParts {
  title: string;
  /** Text in every page's header (a draft says so on every page). */
  header?: string;
  children: FileChild[];
}

/** A4, the usual margins, page numbers centred in the footer. */
export async function docxBytes(parts: DocumentParts): Promise<Buffer> {
  const doc = new Document({
    title: parts.title,
    creator: 'Hallwatch',
    styles: headingStyles,
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        headers: parts.header
          ? {
              default: new Header({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    children: [new TextRun({ text: parts.header, color: 'C00000', bold: true, size: SIZE.small })],
                  }),
                ],
              }),
            }
          : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE.small })],
              }),
            ],
          }),
        },
        children: parts.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
