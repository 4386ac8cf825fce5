// The report parser's worker thread: once its modules are loaded it says so, then decodes and
// parses the one file it is sent and posts back the report, or the limit the text broke. It runs apart
// from the server's event loop so that a slow parse cannot hold up /health, ingest or the live
// sockets (report-parse-runner.ts).

import { parentPort } from 'node:worker_threads';
import { decodeReport } from './report-decoding';
import { ReportLimitError } from './report-limits';
import { parseReport } from './report-parser';
import type { ParseReply, ParseRequest } from './report-parse-runner';

const port = parentPort;
if (port === null) throw new Error('report-parse-worker runs only as a worker thread');
port.once('message', ({ bytes, limits }: ParseRequest) => {
  let reply: ParseReply;
  try {
    const { text, encoding } = decodeReport(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    reply = { ok: true, report: parseReport(text, limits), encoding };
  } catch (err) {
    if (!(err instanceof ReportLimitError)) throw err;
    reply = { ok: false, kind: err.kind, message: err.message };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies ParseReply);
