import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { bearer } from '../support/accounts';
import { ev, makeSite } from '../support/factories';
import { spanStartToday } from '../support/hall-day';
import { getJson, postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

// The wall's windows: the snapshot carries every window's state, names and since when; a
// live update carries only the windows that changed.

jest.setTimeout(60_000);

describe('window states over the snapshot and the live socket', () => {
  let t: TestApp;
  let key: string;
  let socket: Socket;
  const updates: IndicatorUpdate[] = [];
  let at: (secAgo: number) => Date;
  let calledAt: Date;

  beforeAll(async () => {
    t = await startTestApp();
    // Ten minutes of the hall's day on the server's clock, squeezed after the hall's midnight when
    // the test runs just past it: every event lies on today's service day, whatever the hour.
    const now = t.clock.now().getTime();
    const start = spanStartToday(now, 600_000);
    at = (secAgo) => new Date(now - ((now - start) * secAgo) / 600);
    calledAt = at(120);
    await makeSite(t.ds, 'lw', 2);
    key = await t.deviceKey('lw');
    const res = await postEvents(t.url, key, {
      events: [
        ev('staff.signed_in', { staff: 's1', window: 'w1' }, at(600)),
        ev('staff.signed_in', { staff: 's2', window: 'w2' }, at(600)),
        ev('ticket.issued', { ticket: 'A1', department: 'd1', channel: 'walk_in' }, at(300)),
        ev('ticket.called', { ticket: 'A1', window: 'w1' }, calledAt),
      ],
    });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  it('lists each window with its state, staff name and start, and names the departments and the site', async () => {
    const { body } = await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/lw/indicators`, bearer(await t.displayToken('lw')));
    const byCode = Object.fromEntries(body.windows.map((w) => [w.code, w]));
    expect(body.windows.map((w) => w.code)).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(byCode.w1).toMatchObject({ number: 1, department: 'd1', state: 'serving', staff: 's1', staffName: '人员1' });
    expect(byCode.w1.since).toBe(calledAt.toISOString());
    expect(byCode.w2).toMatchObject({ state: 'idle', staffName: '人员2' });
    expect(byCode.w3).toMatchObject({ state: 'unstaffed', staff: null });
    expect(body.departmentInfo.d1).toEqual({ name: { zh: '部门1', en: 'Dept 1' }, waitTargetSec: 900 });
    expect(body.siteInfo).toMatchObject({ name: { zh: '测试大厅 lw' }, timeZone: 'Asia/Shanghai', waitTargetSec: 900 });
  });

  it('sends only the windows that changed', async () => {
    socket = io(`${t.url}/live`, { auth: { site: 'lw', token: await t.displayToken('lw') }, transports: ['websocket'] });
    socket.on('update', (u: IndicatorUpdate) => updates.push(u));
    const snapshot = await new Promise<IndicatorSnapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.windows).toHaveLength(4);
    // A first change gives the publisher its baseline for the site (its first push carries everything).
    await postEvents(t.url, key, ev('ticket.issued', { ticket: 'A2', department: 'd2', channel: 'walk_in' }, t.clock.now()));
    await until(() => updates.some((u) => u.values['queue.waiting'] === 1));
    updates.length = 0;
    await postEvents(t.url, key, ev('staff.left_post', { staff: 's2', window: 'w2', reason: 'unregistered' }, t.clock.now()));
    await until(() => updates.some((u) => u.windows?.length));
    const changed = updates.flatMap((u) => u.windows ?? []);
    expect(changed.map((w) => w.code)).toEqual(['w2']);
    expect(changed[0]).toMatchObject({ state: 'away_unregistered', reason: 'unregistered', staffName: '人员2' });
  });

  it('sends a whole snapshot when a department is renamed or a window leaves the registry', async () => {
    const snapshots: IndicatorSnapshot[] = [];
    socket.on('snapshot', (snap: IndicatorSnapshot) => snapshots.push(snap));
    const [site] = await t.ds.query(`SELECT id FROM sites WHERE code = 'lw'`);
    await t.ds.query(`UPDATE departments SET name = '不动产登记' WHERE site_id = $1 AND code = 'd2'`, [site.id]);
    await t.ds.query(`DELETE FROM windows WHERE site_id = $1 AND code = 'w4'`, [site.id]);
    updates.length = 0;
    await postEvents(t.url, key, ev('ticket.issued', { ticket: 'A3', department: 'd2', channel: 'walk_in' }, t.clock.now()));
    await until(() => snapshots.length > 0);
    const fresh = snapshots[snapshots.length - 1];
    expect(fresh.departmentInfo.d2.name.zh).toBe('不动产登记');
    expect(fresh.windows.map((w) => w.code)).toEqual(['w1', 'w2', 'w3']);
    expect(fresh.values['queue.waiting']).toBe(2);
    // The next plain change goes back to updates.
    await postEvents(t.url, key, ev('ticket.issued', { ticket: 'A4', department: 'd1', channel: 'walk_in' }, t.clock.now()));
    await until(() => updates.some((u) => u.values['queue.waiting'] === 3));
    expect(snapshots).toHaveLength(1);
  });
});
