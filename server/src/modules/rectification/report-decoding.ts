// Published reports are copied out of web pages and Word files: mostly UTF-8, but a copy
// saved on a Chinese Windows machine is GB18030 (GBK), and Notepad may write UTF-16.
// Decoding GBK as UTF-8 would hand the parser mojibake, so the encoding is detected.

/** The multipart field that carries the report, and its size limit (the seed is about 60 kB). */
export const REPORT_FIELD = 'file';
export const REPORT_MAX_BYTES = 2 * 1024 * 1024;

export type ReportEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeReport(bytes: Buffer): { text: string; encoding: ReportEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    // ignoreBOM false: a UTF-8 BOM is dropped here rather than reaching the parser.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}
