import type { AbsenceFiguresView } from '@hallwatch/shared';
import { seedDemo } from '../../server/src/modules/demo/seed-demo';
import { call, makeUser, PASSWORD, signIn } from '../support/accounts';
import { HallSimulation } from '../../server/src/modules/demo/hall-simulation';
import { runSimulator } from '../../server/src/modules/demo/simulator-runner';
import { startTestApp, TestApp } from '../support/test-app';

// The demo simulator drives the real server through its public ingest API only, over a
// deliberately bad network: every event must end up stored exactly once.
describe('demo hall simulator → ingest API', () => {
  let t: TestApp;
  let key: string;
  const quiet = () => undefined;

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.ds);
    key = await t.deviceKey('huiji');
  }, 60_000);
  afterAll(async () => t?.close());

  const storedIds = async (day: string): Promise<Array<{ id: string; n: number }>> =>
    t.ds.query(
      `SELECT e.id, count(*)::int AS n FROM events e JOIN sites s ON s.id = e.site_id
       WHERE s.code = 'huiji' AND e.service_day = $1 GROUP BY e.id`,
      [day],
    );

  it('stores every event of a replayed first hour exactly once over a flaky network, and rejects none', async () => {
    const day = '2024-06-03';
    const until = new Date('2024-06-03T09:30:00+08:00');
    const summary = await runSimulator({
      url: t.url,
      key,
      seed: 7,
      mode: { kind: 'replay', day, speed: 0, until },
      network: { seed: 7, duplicateRate: 0.08, reorderRate: 0.1, delayRate: 0.03 },
      log: quiet,
    });
    const expected = new HallSimulation({ day, seed: 7 }).advanceTo(until);
    const ids = new Set(expected.map((e) => e.id));

    expect(summary.rejected).toBe(0);
    expect(summary.duplicate).toBeGreaterThan(0);
    expect(summary.accepted).toBe(ids.size);
    expect(summary.sent).toBe(summary.accepted + summary.duplicate);
    const rows = await storedIds(day);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.id))).toEqual(ids);

    // The hall the simulator plays is the hall the registry knows: no unknown window, staff or department.
    expect(await t.ds.query(`SELECT kind, code FROM unknown_references`)).toEqual([]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM tickets WHERE service_day = $1 AND issued_at IS NOT NULL`, [day]);
    expect(n).toBe(expected.filter((e) => e.type === 'ticket.issued').length);
  }, 120_000);

  it('resending the same slice stores nothing new', async () => {
    const day = '2024-06-03';
    const until = new Date('2024-06-03T09:30:00+08:00');
    const before = (await storedIds(day)).length;
    const summary = await runSimulator({
      url: t.url,
      key,
      seed: 7,
      mode: { kind: 'replay', day, speed: 0, until },
      network: false,
      log: quiet,
    });
    expect(summary.accepted).toBe(0);
    expect(summary.duplicate).toBe(summary.sent);
    expect((await storedIds(day)).length).toBe(before);
  }, 120_000);

  it('live: backfills the last half hour coherently and follows the clock', async () => {
    const from = new Date(Date.now() - 30 * 60_000);
    const summary = await runSimulator({ url: t.url, key, seed: 3, mode: { kind: 'live', from }, durationSec: 3, log: quiet });
    expect(summary.rejected).toBe(0);
    expect(summary.accepted).toBeGreaterThan(0);
    // Every ticket the server has heard of today was issued (the backfill brings the past of open tickets).
    const orphans = await t.ds.query(
      `SELECT ticket FROM tickets t JOIN sites s ON s.id = t.site_id WHERE s.code = 'huiji' AND t.service_day >= $1 AND t.issued_at IS NULL`,
      [new Date(from.getTime() + 8 * 3600_000).toISOString().slice(0, 10)],
    );
    expect(orphans).toEqual([]);
  }, 120_000);

  it('files most outings in the register, decided by a second clerk, so the day has both registered and unregistered absences', async () => {
    await makeUser(t, 'sim-zhk', 'supervisor', ['huiji']);
    await makeUser(t, 'sim-dcs', 'supervisor', ['huiji']);
    const day = '2024-06-04';
    // The register takes filings up to 7 days back: the server's clock stands at that evening.
    t.clock.setNow(new Date(`${day}T18:00:00+08:00`));
    const until = new Date(`${day}T14:00:00+08:00`);
    const clerks = { filer: { username: 'sim-zhk', password: PASSWORD }, approver: { username: 'sim-dcs', password: PASSWORD } };
    const run = () =>
      runSimulator({
        url: t.url,
        key,
        seed: 7,
        mode: { kind: 'replay', day, speed: 0, until },
        network: false,
        log: quiet,
        register: { site: 'huiji', clerks },
      });
    const summary = await run();
    expect(summary.rejected).toBe(0);
    expect(summary.register).toMatchObject({ failed: 0 });
    expect(summary.register!.filed).toBeGreaterThan(5);
    expect(summary.register!.approved).toBeGreaterThan(0);

    const entries: Array<{ filed_by: string; decided_by: string | null; state: string }> = await t.ds.query(
      `SELECT filed_by, decided_by, state FROM absence_entries`,
    );
    expect(entries.length).toBe(summary.register!.filed);
    expect(new Set(entries.map((e) => e.filed_by))).toEqual(new Set(['sim-zhk']));
    expect(entries.filter((e) => e.state !== 'pending').every((e) => e.decided_by === 'sim-dcs')).toBe(true);

    const token = (await signIn(t.url, 'sim-dcs')).token;
    const figures = await call<AbsenceFiguresView>(t.url, 'GET', '/api/v1/admin/sites/huiji/absences/figures?month=2024-06', { token });
    expect(figures.body.total.outings).toBeGreaterThan(0);
    expect(figures.body.total.outingsUnregistered).toBeGreaterThan(0);
    expect(figures.body.total.unregistered).toBeGreaterThan(figures.body.total.outingsUnregistered);

    // Replaying the same hours files nothing twice: each filing is found again.
    const again = await run();
    expect(again.register).toMatchObject({ filed: 0, failed: 0 });
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM absence_entries`))[0].n).toBe(entries.length);
  }, 180_000);
});
