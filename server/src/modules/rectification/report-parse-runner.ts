// Decodes and parses a report in a worker thread with a time limit, so that no report, however
// made, holds the server's event loop (decoding 2 MB of GB18030 or checked UTF-8 alone takes
// tens of milliseconds); a parse beyond the limit is stopped and refused.
// See docs/security.md, "Report import limits".

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportEncoding } from './report-decoding';
import { DEFAULT_REPORT_LIMITS, ReportLimitError, type ReportLimitKind, type ReportLimits } from './report-limits';
import type { ParsedReport } from './report-parser';

export interface ParseRequest {
  /** The file as uploaded; its encoding is detected in the worker. */
  bytes: Uint8Array;
  limits: ReportLimits;
}

export interface ReadReport {
  report: ParsedReport;
  encoding: ReportEncoding;
}

export type ParseReply = { ready: true } | ({ ok: true } & ReadReport) | { ok: false; kind: ReportLimitKind; message: string };

export interface ParseOptions {
  /** Wall-clock limit for the parse, counted once the worker has loaded the parser. */
  timeoutMs: number;
  limits?: ReportLimits;
}

// A parse holds the text, its lines and the report at once; 2 MB of text needs far less.
const WORKER_HEAP_MB = 512;

/**
 * The built server runs the compiled worker beside this file. Tests run the TypeScript
 * sources (ts-jest), where no compiled worker exists: the worker then compiles its modules
 * as it loads them with the TypeScript compiler, which the tests have installed.
 */
function startWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  const compiled = join(__dirname, 'report-parse-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { resourceLimits });
  const source = join(__dirname, 'report-parse-worker.ts');
  if (!existsSync(source)) throw new Error(`the report parser's worker is missing: neither ${compiled} nor ${source} exists`);
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const ts = require(${JSON.stringify(require.resolve('typescript'))});
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    require.extensions['.ts'] = (module, file) =>
      module._compile(ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText, file);
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

/** Decodes and parses off the event loop; rejects with ReportLimitError for a line beyond the cap or a parse beyond the time limit. */
export function readReportInWorker(bytes: Uint8Array, options: ParseOptions): Promise<ReadReport> {
  const request: ParseRequest = { bytes, limits: options.limits ?? DEFAULT_REPORT_LIMITS };
  return new Promise<ReadReport>((resolve, reject) => {
    const worker = startWorker();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const overrun = (): void => {
      const message = `the report took longer than ${options.timeoutMs} ms to parse and was stopped (the limit is REPORT_PARSE_TIMEOUT_MS)`;
      settle(() => reject(new ReportLimitError('time-limit', message)));
    };
    // Starting a worker is not the report's doing (under ts-jest it compiles the parser first),
    // so the clock starts when the text is handed over.
    worker.on('message', (reply: ParseReply) => {
      if ('ready' in reply) {
        worker.postMessage(request);
        timer = setTimeout(overrun, options.timeoutMs);
      } else
        settle(() =>
          reply.ok ? resolve({ report: reply.report, encoding: reply.encoding }) : reject(new ReportLimitError(reply.kind, reply.message)),
        );
    });
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the report parser's worker stopped (exit code ${code}) without an answer`))),
    );
  });
}
