import type { DistrictUpdate, IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { bearer } from '../support/accounts';
import { hallAt } from '../support/absences';
import { ev, makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { testNow } from '../support/test-clock';
import { until } from '../support/until';
import { Site } from '../../server/src/modules/registry/site.entity';
import { serviceDay } from '../../server/src/core/time/service-day';

jest.setTimeout(90_000);

// What moves with time alone reaches the walls and the district overview without an event: the
// periodic refresh rebuilds each watched site from what it last read, sends only what changed,
// and reads the site afresh once that reading is LIVE_RECHECK_MS old. The server's clock stands
// at 10:00 of the day before the test's (any date), and the test moves it.
const DAY = serviceDay(new Date(testNow().getTime() - 24 * 3600_000), 'Asia/Shanghai');
const at = (hhmm: string) => hallAt(DAY, hhmm);
const EVERY_DAY = { opens: '08:30', closes: '17:30', weekdays: [0, 1, 2, 3, 4, 5, 6] };
const ADMIN = 'live-time-refresh-admin-token';

describe('time-only changes on the live socket', () => {
  let t: TestApp;
  let key: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LIVE_REFRESH_MS: '1000', LIVE_RECHECK_MS: '4000', ADMIN_TOKEN: ADMIN });
    t.clock.setNow(at('10:00'));
    const hall = await makeSite(t.ds, 'tr', 2);
    const village = await makeSite(t.ds, 'tr-v1', 1);
    const sites = t.ds.getRepository(Site);
    await sites.update({ id: village.id }, { tier: 'village', parentId: hall.id });
    for (const code of ['tr', 'tr-v1']) await sites.update({ code }, { settings: { hours: EVERY_DAY } });
    key = await t.deviceKey('tr');
    const res = await postEvents(t.url, key, {
      events: [
        ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('08:30')),
        ev('ticket.issued', { ticket: 'A1', department: 'd1', channel: 'walk_in' }, at('09:50')),
        ev('ticket.issued', { ticket: 'A2', department: 'd1', channel: 'walk_in' }, at('09:55')),
        ev('ticket.called', { ticket: 'A1', window: 'w1' }, at('09:58')),
      ],
    });
    expect(res.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    // The village station was last heard from at 09:30.
    const v = await postEvents(t.url, await t.deviceKey('tr-v1'), ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('09:30')));
    expect(v.status).toBe(200);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  async function wall(): Promise<{ snapshot: IndicatorSnapshot; updates: IndicatorUpdate[]; snapshots: IndicatorSnapshot[] }> {
    const socket = io(`${t.url}/live`, { auth: { site: 'tr', token: await t.displayToken('tr') }, transports: ['websocket'] });
    sockets.push(socket);
    const updates: IndicatorUpdate[] = [];
    const snapshots: IndicatorSnapshot[] = [];
    socket.on('update', (u: IndicatorUpdate) => updates.push(u));
    socket.on('snapshot', (s: IndicatorSnapshot) => snapshots.push(s));
    await until(() => snapshots.length > 0);
    return { snapshot: snapshots[0], updates, snapshots };
  }

  it('sends a wait that grew with time alone, and only the indicators that changed, as a fresh read has them', async () => {
    const w = await wall();
    expect(w.snapshot.values['queue.waiting']).toBe(1);
    // A1 waited eight minutes before its call; A2 has waited five at 10:00.
    expect(w.snapshot.values['queue.wait.max']).toBeGreaterThanOrEqual(480);
    expect(w.snapshot.values['queue.wait.max']).toBeLessThan(500);
    // The publisher's first push to a site carries everything (its baseline); what follows, only changes.
    await until(() => w.updates.length > 0);
    const baseline = w.updates.length;
    t.clock.setNow(at('10:10'));
    await until(() => w.updates.slice(baseline).some((u) => (u.values['queue.wait.max'] ?? 0) >= 900));
    const u = w.updates.slice(baseline).find((x) => (x.values['queue.wait.max'] ?? 0) >= 900)!;
    // Nothing but time moved: no count is sent again.
    expect(Object.keys(u.values)).not.toContain('queue.waiting');
    expect(Object.keys(u.values)).not.toContain('queue.served');
    expect(Object.keys(u.values)).not.toContain('windows.open');
    // What the wall now holds is what a read of the whole snapshot says.
    const held = { ...w.snapshot.values };
    for (const x of w.updates) Object.assign(held, x.values);
    const { body: fresh } = await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/tr/indicators`, bearer(ADMIN));
    expect(held['queue.waiting']).toBe(fresh.values['queue.waiting']);
    expect(Math.abs((held['queue.wait.max'] ?? 0) - (fresh.values['queue.wait.max'] ?? 0))).toBeLessThanOrEqual(5);
  });

  it('shows a change whose notice never came once the reading is LIVE_RECHECK_MS old', async () => {
    const w = await wall();
    const [site] = await t.ds.query<Array<{ id: string }>>(`SELECT id FROM sites WHERE code = 'tr'`);
    // Closed behind the publisher's back (no site.changed): only a fresh read can see it.
    await t.ds.query(`UPDATE windows SET is_open = false WHERE site_id = $1 AND code = 'w2'`, [site.id]);
    await until(() => w.updates.some((u) => u.windows?.some((x) => x.code === 'w2' && !x.isOpen)), 20_000);
  });

  it('marks a station stale on the district overview once it has been silent an hour in its opening hours', async () => {
    t.clock.setNow(at('10:20'));
    const socket = io(`${t.url}/live`, { auth: { site: 'tr', token: ADMIN, scope: 'district' }, transports: ['websocket'] });
    sockets.push(socket);
    const seen: DistrictUpdate[] = [];
    socket.on('district', (u: DistrictUpdate) => seen.push(u));
    await until(() => seen.some((u) => u.complete));
    const first = seen.find((u) => u.complete)!;
    expect(first.sites.find((s) => s.site === 'tr-v1')).toMatchObject({ stale: false, open: true });
    // 09:30 + 60 minutes: stale after 10:30, with no event anywhere.
    t.clock.setNow(at('10:35'));
    await until(() => seen.some((u) => !u.complete && u.sites.some((s) => s.site === 'tr-v1' && s.stale)));
    const line = seen.flatMap((u) => u.sites).find((s) => s.site === 'tr-v1' && s.stale)!;
    expect(line.lastEventAt).toBe(at('09:30').toISOString());
  });

  it('carries an event at the village station to the overview with its last event, and the overview read agrees', async () => {
    const socket = io(`${t.url}/live`, { auth: { site: 'tr', token: ADMIN, scope: 'district' }, transports: ['websocket'] });
    sockets.push(socket);
    const seen: DistrictUpdate[] = [];
    socket.on('district', (u: DistrictUpdate) => seen.push(u));
    await until(() => seen.some((u) => u.complete));
    const res = await postEvents(
      t.url,
      await t.deviceKey('tr-v1'),
      ev('ticket.issued', { ticket: 'V1', department: 'd1', channel: 'walk_in' }, at('10:34')),
    );
    expect(res.status).toBe(200);
    await until(() =>
      seen.some((u) => !u.complete && u.sites.some((s) => s.site === 'tr-v1' && s.lastEventAt === at('10:34').toISOString())),
    );
    const line = seen
      .flatMap((u) => u.sites)
      .reverse()
      .find((s) => s.site === 'tr-v1')!;
    expect(line).toMatchObject({ waiting: 1, stale: false });
    const { body } = await getJson<{ sites: Array<{ site: string; lastEventAt: string | null; waiting: number }> }>(
      `${t.url}/api/v1/sites/tr/district`,
      bearer(ADMIN),
    );
    expect(body.sites.find((s) => s.site === 'tr-v1')).toMatchObject({ waiting: 1, lastEventAt: at('10:34').toISOString() });
  });
});
