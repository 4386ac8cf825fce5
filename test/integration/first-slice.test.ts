import { io, Socket } from 'socket.io-client';
import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { bearer } from '../support/accounts';
import { getJson, postEvents } from '../support/http';

type HealthBody = { details: Record<string, { status: string; maxmemoryPolicy?: string }> };
import { ev, makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = 'first-slice-admin-token-0123';

describe('first slice: ticket.issued → PostgreSQL → /live update', () => {
  let t: TestApp;
  let key: string;
  let wall: string;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    await makeSite(t.ds, 'slice');
    key = await t.deviceKey('slice');
    wall = await t.displayToken('slice');
  });
  afterAll(async () => t.close());

  const post = (body: unknown) => postEvents(t.url, key, body);

  it('stores the event and pushes the new queue.waiting to a socket client of the site', async () => {
    const socket: Socket = io(`${t.url}/live`, { auth: { site: 'slice', token: wall }, transports: ['websocket'] });
    const snapshot = await new Promise<{ values: Record<string, number> }>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.values['queue.waiting']).toBe(0);

    const update = new Promise<IndicatorUpdate>((resolve) => socket.on('update', (u: IndicatorUpdate) => resolve(u)));
    const res = await post(ev('ticket.issued', { ticket: 'A001', department: 'd1', channel: 'walk_in' }));
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([expect.objectContaining({ status: 'accepted' })]);

    const u = await update;
    expect(u.values['queue.waiting']).toBe(1);
    expect(u.departments.d1['queue.waiting']).toBe(1);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.issued'`);
    expect(n).toBe(1);
    socket.close();
  });

  it('GET /api/v1/sites/:site/indicators answers the same snapshot', async () => {
    const { body } = await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/slice/indicators`, bearer(wall));
    expect(body.site).toBe('slice');
    expect(body.values['queue.waiting']).toBe(1);
    expect((await fetch(`${t.url}/api/v1/sites/nope/indicators`, { headers: bearer(ADMIN) })).status).toBe(404);
  });

  it('refuses a socket that names no known site', async () => {
    const socket: Socket = io(`${t.url}/live`, { auth: { site: 'nope', token: ADMIN }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    expect(socket.connected).toBe(false);
  });

  it('GET /health reports database and redis up', async () => {
    const res = await getJson<HealthBody>(`${t.url}/health`);
    const body = res.body;
    expect(res.status).toBe(200);
    expect(body.details.database.status).toBe('up');
    expect(body.details.redis).toEqual(expect.objectContaining({ status: 'up', maxmemoryPolicy: 'noeviction' }));
  });
});
