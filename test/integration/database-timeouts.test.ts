import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { createDataSource, longRunning } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';

jest.setTimeout(90_000);

// A database that goes silent (a dead host, a dropped link) closes nothing: without timeouts a
// request waits on its query for ever. With them, it is answered 503 with Retry-After and the
// device sends again later.

// Far beyond the timeouts set below: what is asserted is that the request ends, not how fast.
const SETTLES_WITHIN_MS = 30_000;

describe('PostgreSQL going silent', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = createDataSource(db.url);
    await direct.initialize();
    await makeSite(direct, 'pgsilent');
    key = (await new DeviceKeysService(direct).create('pgsilent', 'test')).key;
    await direct.destroy();
    await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    t = await startTestApp(
      { DB_STATEMENT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '2000', DB_CONNECT_TIMEOUT_MS: '2000' },
      { databaseUrl: viaProxy.toString() },
    );
  });
  afterAll(async () => {
    await proxy.cut();
    await t.close();
    await db.drop();
  });

  it('answers 503 with Retry-After instead of hanging, and stores the event once the database is back', async () => {
    const e = ev('ticket.issued', { ticket: 'S1', department: 'd1', channel: 'walk_in' });
    // A connection the pool holds open, so the request meets one that is already established.
    expect((await postEvents(t.url, key, ev('ticket.issued', { ticket: 'S0', department: 'd1', channel: 'walk_in' }))).status).toBe(200);
    proxy.freeze();
    const answer = await Promise.race([
      postEvents(t.url, key, { events: [e] }),
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), SETTLES_WITHIN_MS).unref()),
    ]);
    expect(answer).not.toBe('still waiting');
    if (answer === 'still waiting') return;
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.body.message).toMatch(/nothing was stored/);

    await proxy.cut();
    await proxy.restore();
    let again = await postEvents(t.url, key, { events: [e] });
    for (let i = 0; i < 5 && again.status === 503; i++) again = await postEvents(t.url, key, { events: [e] });
    expect(again.status).toBe(200);
    expect(again.body.results[0].status).toBe('accepted');
  });

  it("sets the statement and idle-transaction limits on the server's connections, and lifts the statement limit for long work", async () => {
    const [server] = await t.ds.query(
      `SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`,
    );
    expect(server).toEqual({ s: '1s', i: '1min' });
    const long = createDataSource(db.url, longRunning());
    await long.initialize();
    try {
      expect((await long.query(`SELECT current_setting('statement_timeout') AS s`))[0].s).toBe('0');
    } finally {
      await long.destroy();
    }
  });
});
