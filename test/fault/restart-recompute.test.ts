import { IndicatorSnapshot } from '@hallwatch/shared';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { bearer, displayTokenOn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { freePort, startServerProcess } from '../support/server-process';
import { createTestDatabase } from '../support/test-db';

jest.setTimeout(120_000);

/** A busy stretch of the last ~40 minutes: queues, calls, recalls, transfers, staff moving, reviews. */
function stretch(now: number) {
  const events: Array<{ id: string; type: string; occurredAt: string; data: Record<string, unknown> }> = [];
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();
  const push = (type: string, msAgo: number, data: Record<string, unknown>) =>
    events.push({ id: `r${events.length}`, type, occurredAt: at(msAgo), data });
  for (let s = 1; s <= 4; s++) push('staff.signed_in', 2_400_000, { staff: `s${s}`, window: `w${s}` });
  push('staff.left_post', 900_000, { staff: 's3', window: 'w3', reason: 'unregistered' });
  push('staff.left_post', 600_000, { staff: 's4', window: 'w4', reason: 'break' });
  for (let i = 0; i < 40; i++) {
    const t = `R${i}`;
    const issued = 2_300_000 - i * 50_000;
    const dept = i % 3 === 0 ? 'd2' : 'd1';
    push('ticket.issued', issued, { ticket: t, department: dept, channel: i % 5 === 0 ? 'appointment' : 'walk_in' });
    if (i > 30) continue; // still waiting
    const called = issued - 200_000 - (i % 4) * 90_000;
    if (called < 0) continue;
    push('ticket.called', called, { ticket: t, window: `w${(i % 2) + 1}` });
    if (i % 7 === 0) push('ticket.called', called - 20_000, { ticket: t, window: `w${(i % 2) + 1}` });
    if (i % 9 === 0) {
      push('ticket.no_show', called - 40_000, { ticket: t, window: `w${(i % 2) + 1}` });
      continue;
    }
    if (i % 11 === 0) {
      push('ticket.transferred', called - 60_000, { ticket: t, fromWindow: 'w1', toDepartment: 'd2' });
      continue;
    }
    push('ticket.started', called - 30_000, { ticket: t, window: `w${(i % 2) + 1}`, staff: `s${(i % 2) + 1}` });
    if (called - 330_000 > 0) {
      push('ticket.completed', called - 330_000, { ticket: t, window: `w${(i % 2) + 1}`, staff: `s${(i % 2) + 1}`, outcome: 'done' });
      if (i % 4 !== 1)
        push('review.submitted', called - 340_000, { rating: i % 13 === 0 ? 1 : 5, channel: 'pad', department: dept, ticket: t });
    }
  }
  return events;
}

describe('restart and recomputation', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let key: string;
  let wall: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, 'again');
    key = (await new DeviceKeysService(ds).create('again', 'test')).key;
    wall = bearer(await displayTokenOn(ds, 'again'));
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('serves the same indicators after SIGKILL and restart, and after rebuilding every projection from the events', async () => {
    const now = Date.now();
    const env = { FIXED_CLOCK: new Date(now).toISOString(), RUN_MIGRATIONS: 'false' };
    const port = await freePort();
    const first = await startServerProcess(db.url, env, port);
    const events = stretch(now);
    // Arrival order scrambled, as a flaky network would deliver them.
    const scrambled = [...events].sort(
      (a, b) => ((a.id.length * 7 + Number(a.id.slice(1))) % 13) - ((b.id.length * 7 + Number(b.id.slice(1))) % 13),
    );
    for (let i = 0; i < scrambled.length; i += 25) {
      const res = await postEvents(first.url, key, { events: scrambled.slice(i, i + 25) });
      expect(res.body.results.filter((r) => r.status === 'rejected')).toEqual([]);
    }
    const before = (await getJson<IndicatorSnapshot>(`${first.url}/api/v1/sites/again/indicators`, wall)).body;
    expect(before.values['queue.waiting']).toBeGreaterThan(0);
    expect(before.values['queue.served']).toBeGreaterThan(0);
    await first.stop('SIGKILL');

    const second = await startServerProcess(db.url, env, port);
    const afterRestart = (await getJson<IndicatorSnapshot>(`${second.url}/api/v1/sites/again/indicators`, wall)).body;
    expect(afterRestart).toEqual(before);

    await promisify(execFile)(
      process.execPath,
      [join(__dirname, '../../server/dist/cli/main.js'), 'rebuild-projections', '--site', 'again'],
      {
        env: { ...process.env, DATABASE_URL: db.url },
      },
    );
    const rebuilt = (await getJson<IndicatorSnapshot>(`${second.url}/api/v1/sites/again/indicators`, wall)).body;
    expect(rebuilt).toEqual(before);
    await second.stop();
  });
});
