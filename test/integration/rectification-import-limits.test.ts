import type { RectificationImportResult } from '@hallwatch/shared';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { importReportCommand } from '../../server/src/cli/commands/rectification.commands';
import { createDataSource } from '../../server/src/core/database/data-source';
import { REPORT_MAX_ITEMS } from '../../server/src/modules/rectification/report-limits';
import * as runner from '../../server/src/modules/rectification/report-parse-runner';
import { ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { seedReportText } from '../support/rectification-api';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { until } from '../support/until';

// A report is parsed off the event loop, in time linear in its size, and a report the parser
// refuses (a line beyond the cap, a parse beyond the time limit) is answered with 422 naming
// the problem. See docs/security.md, "Report import limits".

jest.setTimeout(60_000);

const TOKEN = 'test-admin-token-limits';
const importText = (url: string, site: string, body: string, token = TOKEN): Promise<Response> =>
  fetch(`${url}/api/v1/admin/rectification/import?site=${site}&name=adversarial.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' },
    body,
  });

/** Items whose measures are long runs of digits, of spaces after a number, and of numerals after 每天. */
function adversarialReport(items: number, run: number): string {
  const lines = ['对照巡察反馈的具体问题', '(一)方面'];
  for (let n = 1; n <= items; n++) {
    lines.push(
      `(${n})问题${n}。`,
      '整改情况:',
      `一是${'1234567890'.repeat(run / 10)}`,
      `二是1${' '.repeat(run)}x`,
      `三是每天${'一'.repeat(run)}`,
      `四是${'1.'.repeat(run / 2)}%`,
    );
  }
  return lines.join('\n');
}

/** The import as a text/plain POST; `sent` settles once the whole body is handed to the socket. */
function postImport(url: string, site: string, text: string) {
  let markSent = (): void => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    };
    const req = request(
      `${url}/api/v1/admin/rectification/import?site=${site}&name=adversarial.txt`,
      { method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('finish', () => markSent());
    req.end(text);
  });
  return { sent, answer };
}

/**
 * Sends the import and, until it is answered, probes /health one request after another.
 * `answeredWhileReading` counts probes sent after the whole report had been sent and answered
 * before the import was: with the parse on the event loop, every such probe waits for the parse
 * and is answered after the import that follows it in the same turn.
 */
async function importWhileProbing(url: string, site: string, text: string) {
  let answered = false;
  let bodySent = false;
  const health: number[] = [];
  let answeredWhileReading = 0;
  const { sent, answer } = postImport(url, site, text);
  void sent.then(() => (bodySent = true));
  const importing = answer.then((result) => {
    answered = true;
    return result;
  });
  const probing = (async () => {
    while (!answered) {
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      health.push(res.status);
    }
  })();
  // Liveness answers without the database: on a loaded machine a /health round (PostgreSQL
  // included) can outlast the whole read, while the loop was free all along.
  const living = (async () => {
    while (!answered) {
      const afterBody = bodySent;
      const res = await fetch(`${url}/health/live`);
      await res.arrayBuffer();
      if (afterBody && !answered) answeredWhileReading += 1;
    }
  })();
  const result = await importing;
  await Promise.all([probing, living]);
  return { ...result, health, answeredWhileReading };
}

describe('rectification import limits (built server)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, 'lim');
    server = await startServerProcess(db.url, { ADMIN_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  it('answers the reported body (对照巡察反馈 + 120,000 digits) at once with 422 naming the line beyond the cap', async () => {
    const { status, body, health } = await importWhileProbing(server.url, 'lim', `对照巡察反馈\n${'7'.repeat(120_000)}`);
    expect(status).toBe(422);
    expect(body).toMatchObject({ field: 'file' });
    expect((body as ErrorBody).message).toMatch(/line 2 is 120000 characters long; the limit is 10000/);
    expect(health.every((s) => s === 200)).toBe(true);
  });

  it('parses a 1.8 MB report of long digit, space and numeral runs while /health keeps answering', async () => {
    const text = adversarialReport(50, 6000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_500_000);
    const { status, body, health } = await importWhileProbing(server.url, 'lim', text);
    expect(status).toBe(200);
    const result = body as RectificationImportResult;
    expect(result.created).toHaveLength(50);
    expect(result.count).toMatchObject({ stated: null, headed: 50 });
    // /health checks PostgreSQL with a 2 s limit: with the loop held, that check timed out and answered 503.
    expect(health.every((s) => s === 200)).toBe(true);
  });

  it('answers /health while a 1.8 MB report without items is read, then refuses the report', async () => {
    // No items: nothing is written, so the import is answered as soon as the report is read.
    const text = adversarialReport(50, 6000)
      .split('\n')
      .filter((line) => !line.startsWith('('))
      .join('\n');
    const { status, body, health, answeredWhileReading } = await importWhileProbing(server.url, 'lim', text);
    expect(status).toBe(400);
    expect((body as ErrorBody).message).toMatch(/^no numbered \(N\) problems were found in "adversarial.txt"/);
    // Probed one after another from the moment the report was sent: answers mean the loop was free.
    expect(answeredWhileReading).toBeGreaterThanOrEqual(1);
    expect(health.every((s) => s === 200)).toBe(true);
  });

  it('reads a heading repeated 300 times as an ordinary report, warning of each repeat', async () => {
    const repeated = ['(一)方面', ...Array.from({ length: 300 }, () => '(1)问题。\n整改情况:\n一是措施。')].join('\n');
    const res = await importText(server.url, 'lim', repeated);
    const body = (await res.json()) as RectificationImportResult;
    expect(res.status).toBe(200);
    expect(body.warnings.filter((w) => w.kind === 'duplicate-item')).toHaveLength(299);
  });
});

describe('rectification import time limit (in-process app and CLI)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 1 ms against a megabyte of report (the published one twenty times over): every parse overruns.
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, REPORT_PARSE_TIMEOUT_MS: '1' });
    await makeSite(t.ds, 'lim');
  });
  afterAll(async () => t.close());

  it('answers 422 naming the time limit and its setting, and imports nothing', async () => {
    const res = await importText(t.url, 'lim', seedReportText().repeat(20));
    const body = (await res.json()) as ErrorBody;
    expect(res.status).toBe(422);
    expect(body.field).toBe('file');
    expect(body.message).toMatch(/took longer than 1 ms to parse.*REPORT_PARSE_TIMEOUT_MS/);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM rectification_items`);
    expect(n).toBe(0);
  });

  it('makes the CLI fail with the same message', async () => {
    const file = join(tmpdir(), `hallwatch-limits-${process.pid}.txt`);
    writeFileSync(file, seedReportText().repeat(20));
    await expect(importReportCommand.run(t.config, [file, '--site', 'lim'])).rejects.toThrow(
      /took longer than 1 ms to parse.*REPORT_PARSE_TIMEOUT_MS/,
    );
  });

  it('makes the CLI fail on a line beyond the cap, naming the line', async () => {
    const file = join(tmpdir(), `hallwatch-limits-long-${process.pid}.txt`);
    writeFileSync(file, `(1)问题。\n整改情况:\n一是${'措'.repeat(10_001)}`);
    const config = { ...t.config, REPORT_PARSE_TIMEOUT_MS: 10_000 } as typeof t.config;
    await expect(importReportCommand.run(config, [file, '--site', 'lim'])).rejects.toThrow(
      /line 3 is 10003 characters long; the limit is 10000/,
    );
  });
});

describe('rectification import: items per report and imports at once (in-process app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    await makeSite(t.ds, 'lim');
  });
  afterAll(async () => t.close());

  const items = (n: number) =>
    ['(一)方面', ...Array.from({ length: n }, (_, i) => `(${i + 1})问题${i + 1}。\n整改情况:\n一是措施。`)].join('\n');

  it(`refuses a report of more than ${REPORT_MAX_ITEMS} problems with 422, writing nothing`, async () => {
    const res = await importText(t.url, 'lim', items(REPORT_MAX_ITEMS + 1));
    const body = (await res.json()) as ErrorBody;
    expect(res.status).toBe(422);
    expect(body.field).toBe('file');
    expect(body.message).toMatch(new RegExp(`holds ${REPORT_MAX_ITEMS + 1} numbered problems; the limit is ${REPORT_MAX_ITEMS}`));
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM rectification_items`);
    expect(n).toBe(0);
  });

  it('refuses a second import while one is being read (429), and takes it once the first is done', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = runner.readReportInWorker;
    const spy = jest.spyOn(runner, 'readReportInWorker').mockImplementationOnce(async (bytes, options) => {
      await held;
      return read(bytes, options);
    });
    const first = importText(t.url, 'lim', items(2));
    await until(() => spy.mock.calls.length === 1);
    const second = await importText(t.url, 'lim', items(3));
    expect(second.status).toBe(429);
    expect(((await second.json()) as ErrorBody).message).toMatch(/Another report import is running/);
    release();
    expect((await first).status).toBe(200);
    const third = await importText(t.url, 'lim', items(3));
    expect(third.status).toBe(200);
    expect(((await third.json()) as RectificationImportResult).created).toEqual([3]);
  });
});
