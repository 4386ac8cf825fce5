import type { PatrolNoticeDocumentView } from '@hallwatch/shared';
import { ServiceUnavailableException } from '@nestjs/common';
import { execFileSync } from 'node:child_process';

// The 督查告知书 as a PDF in the usual official layout: the issuing office's red heading, the 文号
// under it and the red rule, the title, the addressee, the facts with the photo, the requirement,
// the deadline, and the office and date at the foot. Chinese text needs a CJK font: the system's
// Noto CJK fonts are found through fontconfig; without one the PDF is refused with a clear reason.

export interface CjkFont {
  file: string;
  /** The face inside the .ttc collection. */
  name: string;
}

export interface CjkFonts {
  body: CjkFont;
  heading: CjkFont;
}

const BODY_FACES = ['NotoSerifCJKsc-Regular', 'NotoSansCJKsc-Regular'];
const HEADING_FACES = ['NotoSerifCJKsc-Bold', 'NotoSansCJKsc-Bold'];

/** Installed fonts as fontconfig lists them, "file|postscript name" per line; empty when fontconfig is absent. */
export function fontconfigFaces(): string[] {
  try {
    return execFileSync('fc-list', ['-f', '%{file}|%{postscriptname}\n', ':lang=zh-cn'], { encoding: 'utf8', timeout: 10_000 })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

export class MissingCjkFontError extends ServiceUnavailableException {
  constructor() {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      message:
        'The server has no Chinese font to write the notice PDF with (Noto Serif CJK SC or Noto Sans CJK SC); install fonts-noto-cjk on the server, or print the notice from its page',
    });
  }
}

/** The body and heading faces from the listed fonts, preferring the serif (the official documents' look). */
export function pickCjkFonts(faces: string[]): CjkFonts {
  const find = (names: string[]): CjkFont | null => {
    for (const name of names) {
      const line = faces.find((l) => l.split('|')[1] === name);
      if (line) return { file: line.split('|')[0], name };
    }
    return null;
  };
  const body = find(BODY_FACES);
  if (!body) throw new MissingCjkFontError();
  return { body, heading: find(HEADING_FACES) ?? body };
}

let cached: CjkFonts | null = null;
/** Looked up once per process: the fonts of a running server do not change under it. */
export function systemCjkFonts(): CjkFonts {
  cached ??= pickCjkFonts(fontconfigFaces());
  return cached;
}

const RED = '#c8161d';
const MM = 72 / 25.4;

function hallDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** 2024年7月18日17时00分, as documents write a moment. */
export function hallDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(iso),
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${hallDate(iso, timeZone)}${Number(part('hour'))}时${part('minute')}分`;
}

const SEVERITY: Record<string, string> = { low: '一般', medium: '较重', high: '严重' };

/** The facts as one sentence-led paragraph, as the office writes them. */
export function factsText(doc: PatrolNoticeDocumentView): string {
  const tz = doc.site.timezone;
  const f = doc.facts;
  const place = f.window
    ? `${f.checkpoint.label.zh}（${f.window.number !== null ? `${f.window.number}号窗口` : f.window.code}）`
    : f.checkpoint.label.zh;
  const parts = [
    `${hallDateTime(f.occurredAt, tz)}，督查人员在巡查中发现你单位在${place}存在以下问题：${f.note?.trim() || '不符合大厅管理规定'}。`,
  ];
  if (f.severity) parts.push(`问题程度：${SEVERITY[f.severity]}。`);
  if (doc.notice.items.length) parts.push(`涉及整改事项第 ${doc.notice.items.join('、')} 项。`);
  return parts.join('');
}

/** Renders the notice; `photo` is the finding's photo (JPEG or PNG are embedded; other types are named instead). */
export async function noticePdf(
  doc: PatrolNoticeDocumentView,
  photo: { type: string; bytes: Buffer } | null,
  fonts: CjkFonts,
): Promise<Buffer> {
  // pdfkit is loaded on the first notice printed, not at every process start (a require: the
  // server is CommonJS, and jest's module registry has no import()).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const tz = doc.site.timezone;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 25 * MM, bottom: 22 * MM, left: 28 * MM, right: 26 * MM },
    info: { Title: `督查告知书 ${doc.notice.number ?? ''}`.trim(), Author: doc.issuer, Subject: doc.department.name },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('body', fonts.body.file, fonts.body.name);
  pdf.registerFont('heading', fonts.heading.file, fonts.heading.name);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;

  // 红头: the issuing office in red, then the number and the red rule under it.
  pdf.font('heading').fontSize(26).fillColor(RED).text(`${doc.issuer}`, { align: 'center', characterSpacing: 2 });
  pdf.moveDown(0.2).fontSize(22).text('督 查 告 知 书', { align: 'center', characterSpacing: 4 });
  pdf
    .moveDown(0.8)
    .font('body')
    .fontSize(14)
    .fillColor('black')
    .text(doc.notice.number ?? '', { align: 'center' });
  const ruleY = pdf.y + 6;
  pdf
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1.5)
    .strokeColor(RED)
    .stroke();
  pdf.y = ruleY + 18;

  pdf.font('body').fontSize(14).fillColor('black').text(`${doc.department.name}：`, left, pdf.y, { width });
  pdf.moveDown(0.4);
  // Left-aligned: justifying stretches only the spaces, which leaves holes in Chinese text.
  const para = { width, indent: 28, lineGap: 6, align: 'left' as const };
  pdf.text(factsText(doc), para);

  if (photo && (photo.type === 'image/jpeg' || photo.type === 'image/png')) {
    pdf.moveDown(0.6);
    const boxH = 55 * MM;
    if (pdf.y + boxH > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const top = pdf.y;
    pdf.image(photo.bytes, left + width / 2 - 50 * MM, top, { fit: [100 * MM, boxH], align: 'center', valign: 'center' });
    pdf.y = top + boxH + 4;
    pdf.fontSize(10.5).fillColor('#555').text('现场照片', left, pdf.y, { width, align: 'center' });
    pdf.fillColor('black').fontSize(14);
  } else if (photo) {
    pdf.moveDown(0.4).fontSize(11).fillColor('#555').text('现场照片见督查系统（该格式无法打印）。', para).fillColor('black').fontSize(14);
  }

  pdf.moveDown(0.6);
  pdf.font('heading').text('整改要求：', left, pdf.y, { width, continued: false });
  pdf.font('body').text(doc.requirement, para);
  pdf.moveDown(0.4);
  pdf.font('heading').text('回复期限：', left, pdf.y, { width });
  pdf
    .font('body')
    .text(`请于${hallDateTime(doc.notice.deadline, tz)}前将整改情况书面回复。逾期未回复的，将按规定上报并纳入部门月度考核。`, para);

  pdf.moveDown(2);
  // The office and the date stay together, on the page of the text when they fit.
  if (pdf.y + 50 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  pdf.text(doc.issuer, left, pdf.y, { width, align: 'right' });
  pdf.moveDown(0.3).text(hallDate(doc.notice.issuedAt, tz), { width, align: 'right' });
  pdf.end();
  return done;
}
