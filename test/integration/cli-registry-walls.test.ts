import { IndicatorSnapshot } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { displayTokenOn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { waitFor } from '../support/patrol';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-db';
import { REDIS_URL, runId } from '../support/test-env';

jest.setTimeout(120_000);

// A registry edit made with the CLI is told to the servers through the domain events' relay, as
// the API's edits are (docs/domain-events.md): the wall connected to a server gets the fresh
// snapshot at once. The server's periodic refresh is set to ten minutes, so nothing but the
// relayed event can bring it within this test.

const CLI = join(__dirname, '..', '..', 'server', 'dist', 'cli', 'main.js');
const SITE = 'crw';

describe('a registry edit made with the CLI reaches the walls', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let server: ServerProcess;
  let socket: Socket | undefined;
  let prefix: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix, ...env },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, SITE);
    prefix = `${runId()}:${randomBytes(3).toString('hex')}`;
    server = await startServerProcess(db.url, { REDIS_PREFIX: prefix, LIVE_REFRESH_MS: '600000' });
  });
  afterAll(async () => {
    socket?.close();
    await server?.stop();
    await ds?.destroy();
    await db?.drop();
  });

  const windowOf = (s: IndicatorSnapshot, code: string) => s.windows.find((w) => w.code === code);

  it('pushes a window closed with the CLI to the connected wall within 2 s', async () => {
    const snapshots: IndicatorSnapshot[] = [];
    socket = io(`${server.url}/live`, { auth: { token: await displayTokenOn(ds, SITE) }, transports: ['websocket'] });
    socket.on('snapshot', (s: IndicatorSnapshot) => snapshots.push(s));
    await waitFor(
      async () => snapshots.length,
      (n) => n > 0,
      15_000,
      'first snapshot',
    );
    expect(windowOf(snapshots[0], 'w1')?.isOpen).toBe(true);

    const { stdout } = await cli(['window', 'close', 'w1', '--site', SITE]);
    expect(stdout).toContain('Window w1 at site crw is closed');
    expect(stdout).not.toContain('Redis is unreachable');
    await waitFor(
      async () => snapshots.slice(1).some((s) => windowOf(s, 'w1')?.isOpen === false),
      (seen) => seen,
      2_000,
      'the snapshot with the window closed',
    );
  });

  it('stores the edit when Redis cannot be reached, and says the walls will catch up', async () => {
    const { stdout } = await cli(['window', 'close', 'w2', '--site', SITE], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(stdout).toContain('Window w2 at site crw is closed');
    expect(stdout).toContain('Redis is unreachable, so the walls were not told at once: the walls will catch up');
    const [row] = await ds.query(`SELECT is_open FROM windows w JOIN sites s ON s.id = w.site_id WHERE s.code = $1 AND w.code = 'w2'`, [
      SITE,
    ]);
    expect(row.is_open).toBe(false);
  });

  it('tells nobody when it changed nothing', async () => {
    const { stdout } = await cli(['window', 'list', '--site', SITE], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(stdout).not.toContain('Redis is unreachable');
  });
});
