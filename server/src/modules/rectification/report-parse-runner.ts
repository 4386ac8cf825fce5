// Runs the report parser in a worker thread with a time limit, so that no report, however
// made, holds the server's event loop; a parse beyond the limit is stopped and refused.
// See docs/security.md, "Report import limits".

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_REPORT_LIMITS, ReportLimitError, type ReportLimitKind, type ReportLimits } from './report-limits';
import type { ParsedReport } from './report-parser';

export interface ParseRequest {
  text: string;
  limits: ReportLimits;
}

export type ParseReply = { ok: true; report: ParsedReport } | { ok: false; kind: ReportLimitKind; message: string };

export interface ParseOptions {
  /** Wall-clock limit for the whole parse, the worker's start included. */
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
function workerFor(request: ParseRequest): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  const compiled = join(__dirname, 'report-parse-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: request, resourceLimits });
  const source = join(__dirname, 'report-parse-worker.ts');
  if (!existsSync(source)) throw new Error(`the report parser's worker is missing: neither ${compiled} nor ${source} exists`);
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const ts = require(${JSON.stringify(require.resolve('typescript'))});
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    require.extensions['.ts'] = (module, file) =>
      module._compile(ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText, file);
    require(${JSON.stringify(source)});`;
  return new Worker(bootstrap, { eval: true, workerData: request, resourceLimits });
}

/** Parses off the event loop; rejects with ReportLimitError for a line beyond the cap or a parse beyond the time limit. */
export function parseReportInWorker(text: string, options: ParseOptions): Promise<ParsedReport> {
  const request: ParseRequest = { text, limits: options.limits ?? DEFAULT_REPORT_LIMITS };
  return new Promise<ParsedReport>((resolve, reject) => {
    const worker = workerFor(request);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ReportLimitError(
              'time-limit',
              `the report took longer than ${options.timeoutMs} ms to parse and was stopped (the limit is REPORT_PARSE_TIMEOUT_MS)`,
            ),
          ),
        ),
      options.timeoutMs,
    );
    worker.once('message', (reply: ParseReply) =>
      settle(() => (reply.ok ? resolve(reply.report) : reject(new ReportLimitError(reply.kind, reply.message)))),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the report parser's worker stopped (exit code ${code}) without an answer`))),
    );
  });
}
