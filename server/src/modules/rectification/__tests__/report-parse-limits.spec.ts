// The parser's limits: the line cap, the worker it runs in and the worker's time limit.
// Linear time itself is measured by `npm run bench -- parser`, never asserted on a clock here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLineLengths, REPORT_MAX_LINE_CHARS, ReportLimitError } from '../report-limits';
import { readReportInWorker } from '../report-parse-runner';
import { parseReport } from '../report-parser';

const SEED = join(__dirname, 'fixtures', 'huiji-2024-report.txt');
const limitOf = (run: () => unknown): ReportLimitError => {
  try {
    run();
  } catch (err) {
    if (err instanceof ReportLimitError) return err;
    throw err;
  }
  throw new Error('no ReportLimitError');
};

describe('report line cap', () => {
  it('reads a line of exactly the cap and refuses one character more, naming the line', () => {
    expect(() => checkLineLengths(`a\n${'x'.repeat(REPORT_MAX_LINE_CHARS)}\nb`)).not.toThrow();
    const err = limitOf(() => checkLineLengths(`a\n${'x'.repeat(REPORT_MAX_LINE_CHARS + 1)}\nb`));
    expect(err.kind).toBe('line-too-long');
    expect(err.message).toBe(
      'line 2 is 10001 characters long; the limit is 10000 characters per line (is this the published report as text?)',
    );
  });

  it('counts lines as the parser splits them: \\r\\n, \\r and \\n each end one line', () => {
    expect(limitOf(() => checkLineLengths('a\r\nb\rc\nxxxx', { maxLineChars: 3 })).message).toMatch(/^line 4 is 4 characters/);
    expect(limitOf(() => checkLineLengths('xxxx', { maxLineChars: 3 })).message).toMatch(/^line 1 is 4 characters/);
    expect(() => checkLineLengths('', { maxLineChars: 0 })).not.toThrow();
  });

  it('makes parseReport refuse the reported body (对照巡察反馈 + 120,000 digits) before reading it', () => {
    const err = limitOf(() => parseReport(`对照巡察反馈\n${'7'.repeat(120_000)}`));
    expect(err.message).toMatch(/^line 2 is 120000 characters long/);
  });

  it('parses the reported body with the cap lifted: no count is read from a run of digits', () => {
    const r = parseReport(`对照巡察反馈\n${'7'.repeat(120_000)}个具体问题`, { maxLineChars: Infinity });
    expect(r.statedCount).toBeNull();
    expect(r.warnings.map((w) => w.kind)).toEqual(['no-items', 'stated-count-missing']);
  });
});

describe('readReportInWorker', () => {
  const seed = readFileSync(SEED, 'utf8');

  it('answers exactly what parseReport answers on the published report, with its encoding', async () => {
    expect(await readReportInWorker(Buffer.from(seed), { timeoutMs: 30_000 })).toEqual({ report: parseReport(seed), encoding: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, 'utf16le')]);
    expect(await readReportInWorker(utf16, { timeoutMs: 30_000 })).toEqual({ report: parseReport(seed), encoding: 'utf-16le' });
  });

  it('relays the line cap from the worker', async () => {
    const err = await readReportInWorker(Buffer.from(`(1)问题。\n${'措'.repeat(50)}`), {
      timeoutMs: 30_000,
      limits: { maxLineChars: 20 },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportLimitError);
    expect(err).toMatchObject({ kind: 'line-too-long', message: expect.stringMatching(/^line 2 is 50 characters long; the limit is 20/) });
  });

  it('stops a parse beyond the time limit and names the limit and its setting', async () => {
    // 1 ms against a megabyte of report (the published one twenty times over): the limit wins.
    const err = await readReportInWorker(Buffer.from(seed.repeat(20)), { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportLimitError);
    expect(err).toMatchObject({
      kind: 'time-limit',
      message: 'the report took longer than 1 ms to parse and was stopped (the limit is REPORT_PARSE_TIMEOUT_MS)',
    });
  });
});
