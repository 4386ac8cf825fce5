// The report parser's worker thread: parses the text it is given and posts back the report,
// or the limit the text broke. It runs apart from the server's event loop so that a slow
// parse cannot hold up /health, ingest or the live sockets (report-parse-runner.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { ReportLimitError } from './report-limits';
import { parseReport } from './report-parser';
import type { ParseReply, ParseRequest } from './report-parse-runner';

const { text, limits } = workerData as ParseRequest;
let reply: ParseReply;
try {
  reply = { ok: true, report: parseReport(text, limits) };
} catch (err) {
  if (!(err instanceof ReportLimitError)) throw err;
  reply = { ok: false, kind: err.kind, message: err.message };
}
parentPort?.postMessage(reply);
