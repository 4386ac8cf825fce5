import { IndicatorSnapshot } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { adminApi } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { waitFor } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// An admin edits a site's hours on one server; the walls of that site on both servers get the
// new hours at once, though no event came in. The servers' periodic recompute is put off, so
// only the relayed site.changed event can bring them.

const TOKEN = 'test-admin-token';

describe('a registry change reaches the walls on every server', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startTestApp({ ADMIN_TOKEN: TOKEN, LIVE_REFRESH_MS: '600000' });
    b = await startTestApp({ REDIS_PREFIX: a.config.REDIS_PREFIX, LIVE_REFRESH_MS: '600000' }, { databaseUrl: a.config.DATABASE_URL });
    await makeSite(a.ds, 'rcw');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b?.close();
    await a?.close();
  });

  async function wall(t: TestApp): Promise<IndicatorSnapshot[]> {
    const seen: IndicatorSnapshot[] = [];
    const socket = io(`${t.url}/live`, { auth: { token: await t.displayToken('rcw') }, transports: ['websocket'] });
    sockets.push(socket);
    socket.on('snapshot', (s: IndicatorSnapshot) => seen.push(s));
    await waitFor(
      async () => seen.length,
      (n) => n > 0,
      15_000,
      'first snapshot',
    );
    return seen;
  }

  it('pushes new opening hours to the walls of both servers', async () => {
    const onA = await wall(a);
    const onB = await wall(b);
    expect(onB[0].siteInfo.hours.opens).toBe('08:30');

    const res = await adminApi(a.url, TOKEN)('PATCH', '/sites/rcw/settings', { hours: { opens: '07:45' } });
    expect(res.status).toBe(200);

    const opens = (seen: IndicatorSnapshot[]) => seen.some((s) => s.siteInfo.hours.opens === '07:45');
    await waitFor(
      async () => opens(onA) && opens(onB),
      (ok) => ok,
      10_000,
      'both walls showing the new hours',
    );
  });

  it('leaves the walls as they were when the change is refused', async () => {
    const onB = await wall(b);
    const res = await adminApi(a.url, TOKEN)('PATCH', '/sites/rcw/settings', { hours: { opens: '25:00' } });
    expect(res.status).toBe(400);
    // A change that did commit, made after the refused one, is what the wall shows next.
    expect((await adminApi(a.url, TOKEN)('PATCH', '/sites/rcw/settings', { hours: { opens: '08:00' } })).status).toBe(200);
    await waitFor(
      async () => onB.slice(1).map((s) => s.siteInfo.hours.opens),
      (o) => o.length > 0,
      10_000,
      'the next snapshot',
    );
    expect(onB.slice(1).map((s) => s.siteInfo.hours.opens)).not.toContain('25:00');
    expect(onB[onB.length - 1].siteInfo.hours.opens).toBe('08:00');
  });
});
