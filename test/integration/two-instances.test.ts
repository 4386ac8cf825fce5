import { IndicatorSnapshot, IndicatorUpdate } from '@hallwatch/shared';
import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { displayTokenOn } from '../support/accounts';
import { ev } from '../support/factories';
import { postEvents } from '../support/http';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { siteDatabase, SiteDatabase } from '../support/site-database';
import { runId } from '../support/test-env';

jest.setTimeout(90_000);

interface Client {
  socket: Socket;
  snapshot: IndicatorSnapshot;
  updates: IndicatorUpdate[];
  /** Every snapshot after the first. */
  later: IndicatorSnapshot[];
}

function connect(url: string, token: string): Promise<Client> {
  return new Promise((resolve) => {
    const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'] });
    const updates: IndicatorUpdate[] = [];
    const later: IndicatorSnapshot[] = [];
    socket.on('update', (u: IndicatorUpdate) => updates.push(u));
    socket.once('snapshot', () => socket.on('snapshot', (s: IndicatorSnapshot) => later.push(s)));
    socket.once('snapshot', (snapshot: IndicatorSnapshot) => resolve({ socket, snapshot, updates, later }));
  });
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two server instances sharing PostgreSQL and Redis', () => {
  let site: SiteDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let key: string;
  let wall: string;

  beforeAll(async () => {
    site = await siteDatabase('duo');
    key = site.key;
    wall = await displayTokenOn(site.ds, 'duo');
    const prefix = `${runId()}:${randomBytes(3).toString('hex')}`;
    [a, b] = await Promise.all([
      startServerProcess(site.db.url, { REDIS_PREFIX: prefix }),
      startServerProcess(site.db.url, { REDIS_PREFIX: prefix }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await site?.close();
  });

  it('pushes an event posted to one instance to clients of both, once each', async () => {
    const onA = await connect(a.url, wall);
    const onB = await connect(b.url, wall);
    expect(onB.snapshot.values['queue.waiting']).toBe(0);

    const res = await postEvents(a.url, key, ev('ticket.issued', { ticket: 'X1', department: 'd1', channel: 'walk_in' }));
    expect(res.body.results[0].status).toBe('accepted');
    const waitingSeen = (u: IndicatorUpdate[]) => u.filter((x) => x.values['queue.waiting'] === 1).length;
    await until(() => waitingSeen(onB.updates) >= 1 && waitingSeen(onA.updates) >= 1);

    const res2 = await postEvents(b.url, key, ev('ticket.issued', { ticket: 'X2', department: 'd2', channel: 'walk_in' }));
    expect(res2.body.results[0].status).toBe('accepted');
    const twoSeen = (u: IndicatorUpdate[]) => u.filter((x) => x.values['queue.waiting'] === 2).length;
    await until(() => twoSeen(onA.updates) >= 1 && twoSeen(onB.updates) >= 1);
    await new Promise((r) => setTimeout(r, 500));
    // Each client hears each change once: no echo through the adapter.
    expect(waitingSeen(onA.updates)).toBe(1);
    expect(waitingSeen(onB.updates)).toBe(1);
    expect(twoSeen(onA.updates)).toBe(1);
    expect(twoSeen(onB.updates)).toBe(1);
    onA.socket.close();
    onB.socket.close();
  });

  it('carries a change to the site itself to the walls of the other instance with the next event posted', async () => {
    const onB = await connect(b.url, wall);
    try {
      await site.ds.query(`UPDATE sites SET name = '双实例测试大厅' WHERE code = 'duo'`);
      // Several batches in a row to the other instance: the site's row is read again, and the wall
      // gets the new name as a whole snapshot, with the counts of every batch.
      for (let i = 0; i < 5; i++) {
        const res = await postEvents(a.url, key, ev('ticket.issued', { ticket: `R${i}`, department: 'd1', channel: 'walk_in' }));
        expect(res.body.results[0].status).toBe('accepted');
      }
      const latest = () => [...onB.later].reverse().find((s) => s.siteInfo.name.zh === '双实例测试大厅');
      await until(() => latest() !== undefined);
      await until(() => [...onB.updates, ...onB.later].some((u) => u.values['queue.waiting'] === 7));
    } finally {
      onB.socket.close();
    }
  });
});
