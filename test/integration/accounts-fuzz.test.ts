import { EVENT_TYPES } from '@hallwatch/shared';
import fc from 'fast-check';
import { makeUser, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(600_000);

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789ab';
const RUNS_PER_OPERATION = 12;
const SEED = 20260427;

interface Operation {
  method: string;
  path: string;
  query: string[];
  hasBody: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>;
}

// Values that have broken servers before: empty and huge, unicode, numbers at the edges,
// injection-looking text, bad dates, prototype keys, and ids of the right shape that exist nowhere.
const EDGE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '9999999999999999999999',
  'NaN',
  'null',
  'true',
  '..',
  '../../etc/passwd',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '%',
  '%00',
  '\u0000',
  '𠮷野家',
  '😀',
  '惠济',
  'x'.repeat(300),
  'x'.repeat(5000),
  '2024-02-30',
  '2024-13-01',
  '2024-06',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  '__proto__',
  'constructor',
  'item-47',
  'f1',
  'd1',
  'w1',
  's1',
];

const edge = fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ maxLength: 40 }), fc.uuid().map(String));
const scalar = fc.oneof(edge, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const FIELD_NAMES = [
  'code',
  'name',
  'site',
  'tier',
  'parent',
  'role',
  'sites',
  'allSites',
  'password',
  'username',
  'status',
  'isOpen',
  'number',
  'kind',
  'departmentCode',
  'from',
  'to',
  'day',
  'times',
  'weekdays',
  'requireSignature',
  'decision',
  'note',
  'text',
  'date',
  'indicator',
  'comparator',
  'target',
  '__proto__',
];
const objectBody = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })),
  fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })),
  { maxKeys: 6 },
);
const envelope = fc.record(
  {
    id: edge,
    type: fc.oneof(fc.constantFrom(...EVENT_TYPES), edge),
    occurredAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      edge,
    ),
    data: objectBody,
  },
  { requiredKeys: [] },
);
const eventBody = fc.oneof(envelope, fc.record({ events: fc.oneof(fc.array(envelope, { maxLength: 30 }), scalar) }), fc.jsonValue());

function operations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      if (!/^\/api\/v1\/(events|admin|auth)\b/.test(path)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase()),
      });
    }
  return ops;
}

describe('fuzzing the ingest and admin API from its OpenAPI document', () => {
  let t: TestApp;
  let deviceKey: string;
  let session: string;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, INGEST_RATE_PER_MINUTE: '0', LOGIN_RATE_PER_MINUTE: '10000' });
    await makeSite(t.ds, 'f1', 2);
    deviceKey = await t.deviceKey('f1');
    await makeUser(t, 'fuzz-admin', 'admin', ['f1']);
    session = (await signIn(t.url, 'fuzz-admin')).token;
  });
  afterAll(async () => t.close());

  it('never answers 5xx, whatever the path, query, body or credential', async () => {
    const docRes = await fetch(`${t.url}/api/docs-json`);
    expect(docRes.status).toBe(200);
    const ops = operations((await docRes.json()) as OpenApi);
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.some((o) => o.path === '/api/v1/events')).toBe(true);

    const failures: string[] = [];
    for (const op of ops) {
      const isIngest = op.path === '/api/v1/events';
      const request = fc.record({
        params: fc.dictionary(fc.constantFrom('_'), edge),
        site: fc.oneof({ weight: 4, arbitrary: fc.constant('f1') }, { weight: 1, arbitrary: edge }),
        other: fc.oneof(fc.uuid().map(String), edge),
        rawParam: fc.boolean(),
        query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...op.query, 'site'), fc.string({ maxLength: 8 })), edge), { maxLength: 4 }),
        body: isIngest ? eventBody : fc.oneof(objectBody, fc.jsonValue(), fc.constant('{"unterminated": ')),
        auth: fc.oneof(
          { weight: 4, arbitrary: fc.constant('admin-token' as const) },
          { weight: 2, arbitrary: fc.constant(op.path === '/api/v1/auth/logout' ? ('admin-token' as const) : ('session' as const)) },
          { weight: 1, arbitrary: fc.constantFrom('device' as const, 'none' as const, 'garbage' as const) },
        ),
      });
      await fc
        .assert(
          fc.asyncProperty(request, async (r) => {
            const fill = (name: string) => (name === 'site' ? r.site : r.other);
            const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
              r.rawParam ? fill(name).replace(/[/?#]/g, '_') : encodeURIComponent(fill(name)),
            );
            const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
            const headers: Record<string, string> = {};
            const token = { 'admin-token': ADMIN_TOKEN, session, device: deviceKey, none: '', garbage: 'hwk_garbage' }[r.auth];
            if (token) headers.authorization = `Bearer ${isIngest && r.auth === 'admin-token' ? deviceKey : token}`;
            let body: string | undefined;
            if (op.hasBody) {
              headers['content-type'] = 'application/json';
              body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
            }
            let res: Response;
            try {
              res = await fetch(`${t.url}${path}${qs ? `?${qs}` : ''}`, { method: op.method, headers, body });
            } catch {
              // A URL that fetch itself refuses to send (a raw % escape, say) never reached the server.
              return true;
            }
            const text = await res.text();
            if (res.status >= 500)
              failures.push(`${op.method} ${path}?${qs} [${r.auth}] ${body?.slice(0, 200) ?? ''} → ${res.status} ${text.slice(0, 200)}`);
            return res.status < 500;
          }),
          { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
