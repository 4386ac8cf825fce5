import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// A body nested a hundred thousand levels deep parses (JSON.parse does not recurse) but overflowed
// the stack of whatever walked it next, the validation pipe first: a 500 on any route, the
// sign-in route included, for anyone. It is refused as a bad request before any handler sees it.

const ADMIN = 'body-depth-admin-token-0123456';
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('deeply nested JSON bodies', () => {
  let t: TestApp;
  let key: string;
  const post = async (path: string, body: string, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body });
    return { status: res.status, body: (await res.json()) as { message?: string; field?: string } };
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    await makeSite(t.ds, 'deep');
    key = await t.deviceKey('deep');
  });
  afterAll(async () => t.close());

  it('answers 400 naming the depth on sign-in, ingest and an admin route, and serves ordinary bodies as before', async () => {
    const tooDeep = deep(100_000);
    const cases: Array<[string, string, string | undefined]> = [
      ['/api/v1/auth/login', `{"username":${tooDeep},"password":"x"}`, undefined],
      ['/api/v1/events', `{"events":[{"id":"x","type":"ticket.issued","occurredAt":"2024-07-15T09:00:00+08:00","data":${tooDeep}}]}`, key],
      ['/api/v1/admin/users', `{"username":"n","role":"admin","password":${tooDeep}}`, ADMIN],
    ];
    for (const [path, body, token] of cases) {
      const res = await post(path, body, token);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body).toMatchObject({ field: 'body', message: expect.stringMatching(/nested deeper than 32 levels/) });
    }
    // Just within the limit, and an ordinary sign-in: answered on their merits.
    const within = await post('/api/v1/auth/login', `{"username":${deep(30)},"password":"x"}`);
    expect(within.status).toBe(400);
    expect(within.body.message).not.toMatch(/nested/);
    expect((await post('/api/v1/auth/login', `{"username":"nobody.here","password":"not the password"}`)).status).toBe(401);
    const ok = await post(
      '/api/v1/events',
      `{"id":"d1","type":"ticket.issued","occurredAt":"${new Date().toISOString()}","data":{"ticket":"A1","department":"d1","channel":"walk_in"}}`,
      key,
    );
    expect(ok.status).toBe(200);
  });
});
