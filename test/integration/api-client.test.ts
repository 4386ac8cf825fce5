import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DOCUMENT_PATH } from '../../server/src/core/openapi/api-document';
import { makeSite } from '../support/factories';
import { testNow } from '../support/test-clock';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

// What a device vendor does: generate a client from the document alone, compile against it with
// strict types, and post a batch with a device key. Compiling proves the document's types fit a
// real batch; running proves the server answers as the document says.
const CLIENT = `
import { client } from './gen/client.gen.js';
import { eventsControllerPost } from './gen/sdk.gen.js';
import type { EventBatch, EventResult, HallEvent } from './gen/types.gen.js';

client.setConfig({ baseUrl: process.env.HW_URL!, headers: { Authorization: 'Bearer ' + process.env.HW_KEY } });
const at = process.env.HW_AT!;
const events: HallEvent[] = [
  { id: 'gen-1', type: 'ticket.issued', occurredAt: at, data: { ticket: 'A001', department: 'd1', channel: 'walk_in' } },
  { id: 'gen-2', type: 'review.submitted', occurredAt: at, data: { rating: 5, channel: 'pad', department: 'd1' } },
  { id: 'gen-3', type: 'review.submitted', occurredAt: at, data: { rating: 9 as 5, channel: 'pad', department: 'd1' } },
  { id: 'gen-1', type: 'ticket.issued', occurredAt: at, data: { ticket: 'A001', department: 'd1', channel: 'walk_in' } },
];
const body: EventBatch = { events };
const { data, error, response } = await eventsControllerPost({ body });
if (!response) throw new Error('no answer: ' + String(error));
const results: EventResult[] = data?.results ?? [];
const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.field + ': ' + r.reason] : []));
console.log(JSON.stringify({ status: response.status, statuses: results.map((r) => r.status), rejected }));
`;

describe('a client generated from the API document', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'gen1', 1);
    dir = mkdtempSync(join(tmpdir(), 'hw-client-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('compiles and posts a batch of events with a device key, reading each result', async () => {
    writeFileSync(join(dir, 'openapi.json'), await (await fetch(t.url + API_DOCUMENT_PATH)).text());
    execFileSync(bin('openapi-ts'), ['-i', join(dir, 'openapi.json'), '-o', join(dir, 'gen')], { stdio: 'pipe' });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(dir, 'main.ts'), CLIENT);
    // prettier-ignore
    const tsc = ['--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck',
      '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), '--rootDir', dir, '--outDir', join(dir, 'js'), join(dir, 'main.ts')];
    try {
      execFileSync(bin('tsc'), tsc, { stdio: 'pipe', cwd: dir });
    } catch (err) {
      throw new Error(`the generated client does not compile:\n${(err as { stdout?: Buffer }).stdout?.toString()}`, { cause: err });
    }
    const key = await t.deviceKey('gen1');
    // Not execFileSync: the server runs in this process and must answer meanwhile.
    const { stdout: out } = await promisify(execFile)(process.execPath, [join(dir, 'js', 'main.js')], {
      env: { ...process.env, HW_URL: t.url, HW_KEY: key, HW_AT: testNow().toISOString() },
    });
    expect(JSON.parse(out)).toEqual({
      status: 200,
      statuses: ['accepted', 'accepted', 'rejected', 'duplicate'],
      rejected: ['data.rating: must be an integer from 1 to 5'],
    });
  });
});
