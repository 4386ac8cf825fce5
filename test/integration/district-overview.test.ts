import type { DistrictSummary, DistrictUpdate, SiteSummary } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { bearer, displayTokenOn, makeUser, signIn } from '../support/accounts';
import { hallAt } from '../support/absences';
import { ev, makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { testNow } from '../support/test-clock';
import { Site } from '../../server/src/modules/registry/site.entity';
import { serviceDay } from '../../server/src/core/time/service-day';

jest.setTimeout(90_000);

// The district overview: every site of a district hall's tree in one read, kept live over one
// socket subscription. The server's clock stands at 11:00 of the day before the test's (any date;
// a past day, since devices may not send events from the future), so that a station silent since
// its 08:30 opening is stale and one heard from at 10:30 is not.
const DAY = serviceDay(new Date(testNow().getTime() - 24 * 3600_000), 'Asia/Shanghai');
const at = (hhmm: string) => hallAt(DAY, hhmm);
const EVERY_DAY = { opens: '08:30', closes: '17:30', weekdays: [0, 1, 2, 3, 4, 5, 6] };

function districtSocket(
  url: string,
  token: string,
  site: string,
): Promise<{ socket: Socket; first: DistrictUpdate; next: () => Promise<DistrictUpdate> }> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, { auth: { token, site, scope: 'district' }, transports: ['websocket'], reconnection: false });
    const queue: DistrictUpdate[] = [];
    const waiting: Array<(u: DistrictUpdate) => void> = [];
    const next = () => new Promise<DistrictUpdate>((r) => (queue.length ? r(queue.shift()!) : waiting.push(r)));
    socket.on('district', (u: DistrictUpdate) => (waiting.length ? waiting.shift()!(u) : queue.push(u)));
    socket.once('snapshot', () => reject(new Error('a district subscription was sent a site snapshot')));
    socket.once('disconnect', () => reject(new Error('refused')));
    socket.once('connect_error', reject);
    // The whole district on connecting; a site's push may come before it, and is kept in the queue.
    const held: DistrictUpdate[] = [];
    const firstComplete = async (): Promise<DistrictUpdate> => {
      for (;;) {
        const u = await next();
        if (u.complete) return u;
        held.push(u);
      }
    };
    void firstComplete().then((first) => {
      queue.unshift(...held);
      resolve({ socket, first, next });
    });
  });
}

describe('the district overview', () => {
  let t: TestApp;
  let leader: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.setNow(at('11:00'));
    const hall = await makeSite(t.ds, 'dh', 1);
    const sites = t.ds.getRepository(Site);
    const town = await makeSite(t.ds, 'dh-t1', 1);
    await sites.update({ id: town.id }, { tier: 'town', parentId: hall.id });
    for (const v of ['dh-t1-v1', 'dh-t1-v2']) {
      const village = await makeSite(t.ds, v, 1);
      await sites.update({ id: village.id }, { tier: 'village', parentId: town.id });
    }
    for (const code of ['dh', 'dh-t1', 'dh-t1-v1', 'dh-t1-v2']) await sites.update({ code }, { settings: { hours: EVERY_DAY } });
    await makeUser(t, 'dh.leader', 'leader', ['dh']);
    await makeUser(t, 'dh.patrol', 'patrol', ['dh']);
    leader = (await signIn(t.url, 'dh.leader')).token;

    // The hall: two desks on post, one citizen served and two waiting since 10:40 and 10:55.
    const hallKey = await t.deviceKey('dh');
    const hallEvents = [
      ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('08:25')),
      ev('staff.signed_in', { staff: 's2', window: 'w2' }, at('08:26')),
      ev('ticket.issued', { ticket: 'A001', department: 'd1', channel: 'walk_in' }, at('09:00')),
      ev('ticket.called', { ticket: 'A001', window: 'w1' }, at('09:05')),
      ev('ticket.completed', { ticket: 'A001', window: 'w1', staff: 's1', outcome: 'done' }, at('09:15')),
      ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1', ticket: 'A001', window: 'w1', staff: 's1' }, at('09:16')),
      ev('ticket.issued', { ticket: 'A002', department: 'd1', channel: 'walk_in' }, at('10:40')),
      ev('ticket.issued', { ticket: 'A003', department: 'd1', channel: 'walk_in' }, at('10:55')),
    ];
    const posted = await postEvents(t.url, hallKey, { events: hallEvents });
    expect(posted.body.results.filter((r) => r.status !== 'accepted')).toEqual([]);
    // The town centre: one desk on post since 08:30, heard from at 10:30.
    const townEvents = [
      ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('08:30')),
      ev('ticket.issued', { ticket: 'B001', department: 'd1', channel: 'walk_in' }, at('10:30')),
    ];
    expect((await postEvents(t.url, await t.deviceKey('dh-t1'), { events: townEvents })).status).toBe(200);
    // Village 2 was heard from at 10:30; village 1 has sent nothing today.
    const v2 = [ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('10:30'))];
    expect((await postEvents(t.url, await t.deviceKey('dh-t1-v2'), { events: v2 })).status).toBe(200);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const byCode = (sites: SiteSummary[]) => new Map(sites.map((s) => [s.site, s]));

  it('summarises every site of the district hall’s tree, the hall first, each town followed by its villages', async () => {
    const res = await getJson<DistrictSummary>(`${t.url}/api/v1/sites/dh/district`, bearer(leader));
    expect(res.status).toBe(200);
    expect(res.body.district).toBe('dh');
    expect(res.body.sites.map((s) => [s.site, s.tier, s.parent])).toEqual([
      ['dh', 'hall', null],
      ['dh-t1', 'town', 'dh'],
      ['dh-t1-v1', 'village', 'dh-t1'],
      ['dh-t1-v2', 'village', 'dh-t1'],
    ]);
    const s = byCode(res.body.sites);
    const hall = s.get('dh')!;
    expect(hall).toMatchObject({
      waiting: 2,
      windowsStaffed: 2,
      windowsOpen: 2,
      staffOnPost: 2,
      roster: 2,
      goodRate: 1,
      activeRate: 1,
      open: true,
      stale: false,
      lastEventAt: at('10:55').toISOString(),
    });
    // A002 has waited 20 minutes at 11:00 (the clock runs on from there while the test runs).
    expect(hall.longestWaitSec).toBeGreaterThanOrEqual(20 * 60);
    expect(hall.longestWaitSec).toBeLessThan(25 * 60);
    expect(s.get('dh-t1')).toMatchObject({ waiting: 1, windowsStaffed: 1, windowsOpen: 2, staffOnPost: 1, roster: 2, stale: false });
    // Silent since the 08:30 opening: stale, not calm, though nothing waits there.
    expect(s.get('dh-t1-v1')).toMatchObject({ waiting: 0, open: true, stale: true, lastEventAt: null });
    expect(s.get('dh-t1-v2')).toMatchObject({ stale: false, lastEventAt: at('10:30').toISOString() });
  });

  it('does not count a silence the site was closed through', async () => {
    t.clock.setNow(at('09:15'));
    try {
      const res = await getJson<DistrictSummary>(`${t.url}/api/v1/sites/dh/district`, bearer(leader));
      // 45 minutes since the opening: not yet stale.
      expect(byCode(res.body.sites).get('dh-t1-v1')).toMatchObject({ open: true, stale: false });
    } finally {
      t.clock.setNow(at('11:00'));
    }
  });

  it('refuses a role outside the overview’s, and a site that is not a district hall, naming it', async () => {
    const patrol = (await signIn(t.url, 'dh.patrol')).token;
    expect((await getJson(`${t.url}/api/v1/sites/dh/district`, bearer(patrol))).status).toBe(403);
    const town = await getJson<{ message: string; field: string }>(`${t.url}/api/v1/sites/dh-t1/district`, bearer(leader));
    expect(town.status).toBe(404);
    expect(town.body).toMatchObject({ field: 'site' });
    expect(town.body.message).toContain('town');
    await expect(districtSocket(t.url, patrol, 'dh')).rejects.toThrow('refused');
    await expect(districtSocket(t.url, leader, 'dh-t1')).rejects.toThrow('refused');
  });

  it('lets a display token of the district hall read it, for the wall’s district page, and no other display', async () => {
    const wall = await displayTokenOn(t.ds, 'dh');
    const res = await getJson<DistrictSummary>(`${t.url}/api/v1/sites/dh/district`, bearer(wall));
    expect(res.status).toBe(200);
    expect(res.body.sites).toHaveLength(4);
    const sub = await districtSocket(t.url, wall, 'dh');
    sockets.push(sub.socket);
    expect(sub.first.sites.map((s) => s.site).sort()).toEqual(res.body.sites.map((s) => s.site).sort());
    // A town's wall token reaches neither the hall's district nor a district of its own.
    const townWall = await displayTokenOn(t.ds, 'dh-t1');
    expect((await getJson(`${t.url}/api/v1/sites/dh/district`, bearer(townWall))).status).toBe(403);
    expect((await getJson(`${t.url}/api/v1/sites/dh-t1/district`, bearer(townWall))).status).toBe(404);
    await expect(districtSocket(t.url, townWall, 'dh')).rejects.toThrow('refused');
  });

  it('keeps the whole district live over one subscription: an event at a village station reaches it as that site’s summary', async () => {
    const sub = await districtSocket(t.url, leader, 'dh');
    sockets.push(sub.socket);
    expect(sub.first.district).toBe('dh');
    expect(sub.first.sites).toHaveLength(4);
    expect(byCode(sub.first.sites).get('dh-t1-v1')!.stale).toBe(true);

    const key = await t.deviceKey('dh-t1-v1');
    const events = [
      ev('staff.signed_in', { staff: 's1', window: 'w1' }, at('10:58')),
      ev('ticket.issued', { ticket: 'C001', department: 'd1', channel: 'walk_in' }, at('10:59')),
    ];
    expect((await postEvents(t.url, key, { events })).status).toBe(200);
    let update = await sub.next();
    // Other sites may be refreshed meanwhile; what matters is the village's own line.
    while (!update.sites.some((s) => s.site === 'dh-t1-v1')) update = await sub.next();
    const village = byCode(update.sites).get('dh-t1-v1')!;
    expect(village).toMatchObject({ waiting: 1, staffOnPost: 1, windowsStaffed: 1, stale: false, lastEventAt: at('10:59').toISOString() });
    expect(update).toMatchObject({ district: 'dh', complete: false });
  });
});
