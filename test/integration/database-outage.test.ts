import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { createDataSource } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';

jest.setTimeout(60_000);

describe('PostgreSQL outage', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const direct = createDataSource(db.url);
    await direct.initialize();
    await makeSite(direct, 'pgout');
    key = (await new DeviceKeysService(direct).create('pgout', 'test')).key;
    await direct.destroy();
    await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    t = await startTestApp({}, { databaseUrl: viaProxy.toString() });
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await db.drop();
  });

  it('answers 503 with Retry-After while the database is unreachable, and stores after it returns', async () => {
    const e = ev('ticket.issued', { ticket: 'P1', department: 'd1', channel: 'walk_in' });
    await proxy.cut();
    const res = await postEvents(t.url, key, { events: [e] });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.message).toMatch(/nothing was stored/);

    await proxy.restore();
    let again = await postEvents(t.url, key, { events: [e] });
    // The pool may hand out one connection that died during the cut before it notices.
    for (let i = 0; i < 5 && again.status === 503; i++) again = await postEvents(t.url, key, { events: [e] });
    expect(again.status).toBe(200);
    // Nothing of the first attempt was kept, so the retry is the first copy.
    expect(again.body.results[0].status).toBe('accepted');
  });
});
