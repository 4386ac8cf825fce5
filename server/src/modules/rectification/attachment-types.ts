// Evidence attachments are checked by their first bytes as well as their name: a renamed
// executable is not a PDF. Office files are zip archives, so for them the name decides
// between Word and Excel once the zip signature is there.

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
/** The multipart field that carries an evidence file. */
export const ATTACHMENT_FIELD = 'attachment';

interface Kind {
  type: string;
  extensions: string[];
  matches(bytes: Buffer): boolean;
}

const startsWith = (sig: number[]) => (b: Buffer) => sig.every((x, i) => b[i] === x);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);

const KINDS: Kind[] = [
  { type: 'application/pdf', extensions: ['pdf'], matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { type: 'image/png', extensions: ['png'], matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: startsWith([0xff, 0xd8, 0xff]) },
  {
    type: 'image/webp',
    extensions: ['webp'],
    matches: (b) => startsWith([0x52, 0x49, 0x46, 0x46])(b) && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], matches: ZIP },
  { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], matches: ZIP },
];

export const ATTACHMENT_KINDS_TEXT = 'PDF, JPEG, PNG, WebP, DOCX or XLSX';

/** The attachment's MIME type when its name and content agree on an accepted kind, else null. */
export function attachmentType(name: string, bytes: Buffer): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = KINDS.find((k) => k.extensions.includes(ext));
  return kind && kind.matches(bytes) ? kind.type : null;
}
