import { execFile } from 'node:child_process';

// pdf.js (inside pdf-parse) loads its worker with a dynamic import, which Jest's module sandbox
// does not allow; the text is read by a plain Node process instead, the PDF given on stdin.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const r = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: r.text, pages: r.total }));
});`;

/** The text of a PDF, page by page as pdf-parse reads it, and its page count. */
export function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', SCRIPT], { cwd: __dirname, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pdf-parse failed: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as { text: string; pages: number });
    });
    child.stdin?.end(bytes);
  });
}
