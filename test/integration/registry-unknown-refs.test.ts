import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { adminApi, ErrorBody } from '../support/admin-api';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'test-admin-token';
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'server', 'dist', 'cli', 'main.js');
type UnknownRef = { kind: string; code: string; firstSeen: string; lastSeen: string; eventCount: number };

describe('hall registry: unknown references and the CLI', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'refs');
  });
  afterAll(async () => t.close());

  it('lists codes events named that the registry lacks, until they are created', async () => {
    const key = await t.deviceKey('refs');
    const early = new Date(Date.now() - 60_000);
    const res = await postEvents(t.url, key, {
      events: [
        ev('ticket.issued', { ticket: 'A001', department: 'd9', channel: 'walk_in' }, early),
        ev('staff.signed_in', { staff: 's77', window: 'w77' }),
        ev('ticket.called', { ticket: 'A001', window: 'w77' }),
        ev('ticket.called', { ticket: 'A002', window: 'w1' }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

    const list = await api<UnknownRef[]>('GET', '/sites/refs/unknown-references');
    expect(list.status).toBe(200);
    const byKey = Object.fromEntries(list.body.map((r) => [`${r.kind}:${r.code}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['department:d9', 'staff:s77', 'window:w77']);
    expect(byKey['window:w77'].eventCount).toBe(2);
    expect(byKey['department:d9'].firstSeen).toBe(early.toISOString());
    expect(Date.parse(byKey['window:w77'].lastSeen)).toBeGreaterThanOrEqual(Date.parse(byKey['window:w77'].firstSeen));

    const windowsOnly = await api<UnknownRef[]>('GET', '/sites/refs/unknown-references?kind=window');
    expect(windowsOnly.body.map((r) => r.code)).toEqual(['w77']);

    expect((await api('POST', '/sites/refs/windows', { code: 'w77', number: 77, departmentCode: 'd1' })).status).toBe(201);
    const after = await api<UnknownRef[]>('GET', '/sites/refs/unknown-references');
    expect(after.body.map((r) => `${r.kind}:${r.code}`).sort()).toEqual(['department:d9', 'staff:s77']);

    expect((await api('POST', '/sites/refs/staff', { code: 's77', name: '新来的' })).status).toBe(201);
    expect((await api('POST', '/sites/refs/departments', { code: 'd9', name: '新部门' })).status).toBe(201);
    expect((await api<UnknownRef[]>('GET', '/sites/refs/unknown-references')).body).toEqual([]);

    // Now known: a later event naming the window is no longer flagged.
    await postEvents(t.url, key, ev('ticket.called', { ticket: 'A003', window: 'w77' }));
    expect((await api<UnknownRef[]>('GET', '/sites/refs/unknown-references')).body).toEqual([]);
  });

  it('answers 404 for an unknown site and 400 for an unknown kind', async () => {
    const missing = await api<ErrorBody>('GET', '/sites/nowhere/unknown-references');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('"nowhere"');
    const bad = await api<ErrorBody>('GET', '/sites/refs/unknown-references?kind=service_item');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('kind');
  });

  describe('CLI', () => {
    // Each run is a fresh Node process that connects to PostgreSQL: seconds, not milliseconds.
    jest.setTimeout(30_000);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: t.config.DATABASE_URL }, cwd: ROOT });

    beforeAll(() => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (npx tsc -b server)`);
    });

    it('window list --site prints the windows of the test database', async () => {
      const { stdout } = await run('window', 'list', '--site', 'refs');
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^code\s+number\s+department\s+kind\s+state$/);
      expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['w1', 'w2', 'w3', 'w4', 'w77']);
      expect(lines[1]).toMatch(/^w1\s+1\s+d1\s+general\s+open$/);
    });

    it('window close then shows it closed; an unknown site fails naming it', async () => {
      expect((await run('window', 'close', 'w2', '--site', 'refs')).stdout).toContain('w2');
      expect((await run('window', 'list', '--site', 'refs')).stdout).toMatch(/^w2\s+2\s+d1\s+general\s+closed$/m);
      await expect(run('window', 'list', '--site', 'nowhere')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('"nowhere"'),
      });
    });
  });
});
