import JSZip from 'jszip';

export interface DocxParagraph {
  /** The paragraph's style id ("Title", "Heading1" …); "" for body text. */
  style: string;
  text: string;
}

export interface DocxContent {
  paragraphs: DocxParagraph[];
  /** Paragraphs of the page headers. */
  headers: string[];
  /** Files under word/media (the charts). */
  media: string[];
  /** Table rows, each a list of its cells' text, in document order. */
  rows: string[][];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('');

function paragraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? '',
    text: textOf(m[0]),
  }));
}

/** A .docx read back as a reader sees it: what a test can assert without Word. */
export async function readDocx(bytes: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(bytes);
  const body = await zip.file('word/document.xml')!.async('string');
  const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
  const headers = (await Promise.all(headerFiles.map((f) => zip.file(f)!.async('string')))).flatMap((x) =>
    paragraphs(x).map((p) => p.text),
  );
  const rows = [...body.matchAll(/<w:tr(?:\s[^>]*)?>[\s\S]*?<\/w:tr>/g)].map((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
  );
  return {
    paragraphs: paragraphs(body),
    headers,
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')),
    rows,
  };
}
