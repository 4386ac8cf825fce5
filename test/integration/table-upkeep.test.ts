import { TableUpkeep } from '../../server/src/core/database/table-upkeep';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// The test server runs PostgreSQL with autovacuum off, as this kind of machine does: Hallwatch
// vacuums and analyses its busy tables itself.

jest.setTimeout(60_000);

describe('table upkeep without autovacuum', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'tu', 2);
    const key = await t.deviceKey('tu');
    const res = await postEvents(t.url, key, {
      events: Array.from({ length: 20 }, (_, i) =>
        ev('ticket.issued', { ticket: `U${i}`, department: i % 2 ? 'd1' : 'd2', channel: 'walk_in' }),
      ),
    });
    expect(res.body.results.every((r) => r.status === 'accepted')).toBe(true);
  });
  afterAll(async () => t.close());

  const stats = async (table: string) =>
    (
      await t.ds.query(
        `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums, analyze_count::int AS analyses
         FROM pg_stat_user_tables WHERE relname = $1`,
        [table],
      )
    )[0] as { dead: number; vacuums: number; analyses: number };

  /**
   * Updates every ticket row `times` times on one connection and makes its statistics visible
   * now. An older snapshot stays open meanwhile, as a long report would hold one, so that reads
   * cannot prune the old row versions on the way and they stay dead until a vacuum.
   */
  async function churn(times: number): Promise<void> {
    const reader = t.ds.createQueryRunner();
    const writer = t.ds.createQueryRunner();
    try {
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await reader.query('SELECT count(*) FROM tickets');
      for (let i = 0; i < times; i++) await writer.query(`UPDATE tickets SET event_count = event_count`);
      await writer.query('SELECT pg_stat_force_next_flush()');
      await writer.query('SELECT 1');
      await reader.query('COMMIT');
      await olderSnapshotsGone(writer);
    } finally {
      await reader.release();
      await writer.release();
    }
  }

  /**
   * The test server's own background work (live recomputes, sweeps) may hold a snapshot taken
   * while the churn ran; a vacuum then keeps those row versions as recently dead and the table
   * still looks dirty afterwards. Waits until every snapshot in this database is newer than now.
   */
  async function olderSnapshotsGone(runner: ReturnType<TestApp['ds']['createQueryRunner']>): Promise<void> {
    const [{ now }] = await runner.query(`SELECT txid_current() % 4294967296 AS now`);
    for (let i = 0; ; i++) {
      const [{ older }] = await runner.query(
        `SELECT count(*)::int AS older FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
           AND backend_xmin::text::bigint <= $1`,
        [now],
      );
      if (older === 0) return;
      if (i === 200) throw new Error(`${older} transaction(s) kept a snapshot from before the churn for 10 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('vacuums a table full of dead rows, and leaves it alone once it is clean', async () => {
    const [{ on }] = await t.ds.query(`SELECT current_setting('autovacuum') = 'on' AS on`);
    if (on) throw new Error('this test needs a PostgreSQL with autovacuum off, as the CI machines run it');
    await churn(60);
    const before = await stats('tickets');
    expect(before.dead).toBeGreaterThan(60);

    const upkeep = t.app.get(TableUpkeep);
    const steps = await upkeep.run();
    expect(steps).toContainEqual({ ident: 'tickets', action: 'vacuum' });
    // Statistics of the vacuum reach pg_stat_user_tables when its backend flushes them.
    for (let i = 0; i < 50 && (await stats('tickets')).vacuums === before.vacuums; i++) await new Promise((r) => setTimeout(r, 100));
    const after = await stats('tickets');
    expect(after.vacuums).toBe(before.vacuums + 1);
    expect(after.dead).toBeLessThan(before.dead);

    expect((await upkeep.run()).filter((s) => s.ident === 'tickets')).toEqual([]);
  });

  it('gives way while another instance holds the upkeep lock', async () => {
    await churn(60);
    const other = t.ds.createQueryRunner();
    try {
      await other.query('SELECT pg_advisory_lock(7701, 0)');
      expect(await t.app.get(TableUpkeep).run()).toEqual([]);
      await other.query('SELECT pg_advisory_unlock(7701, 0)');
      expect(await t.app.get(TableUpkeep).run()).toContainEqual({ ident: 'tickets', action: 'vacuum' });
    } finally {
      await other.release();
    }
  });

  it('vacuums an append-only table once enough was inserted, so that its pages become all-visible', async () => {
    await t.ds.query(`CREATE TABLE upkeep_appended (n int)`);
    try {
      const runner = t.ds.createQueryRunner();
      try {
        await runner.query(`INSERT INTO upkeep_appended SELECT generate_series(1, 2000)`);
        await runner.query('SELECT pg_stat_force_next_flush()');
        await runner.query('SELECT 1');
      } finally {
        await runner.release();
      }
      expect((await stats('upkeep_appended')).dead).toBe(0);
      expect(await t.app.get(TableUpkeep).run()).toContainEqual({ ident: 'upkeep_appended', action: 'vacuum' });
      const [{ visible }] = await t.ds.query(
        `SELECT relallvisible::int AS visible, relpages::int AS pages FROM pg_class WHERE relname = 'upkeep_appended'`,
      );
      expect(visible).toBeGreaterThan(0);
    } finally {
      await t.ds.query(`DROP TABLE upkeep_appended`);
    }
  });

  it('analyses the partitioned events table itself once its partitions have grown, which autovacuum never does', async () => {
    const site = await makeSite(t.ds, 'tu2', 1);
    const runner = t.ds.createQueryRunner();
    try {
      await runner.query(
        `INSERT INTO events (site_id, id, type, occurred_at, service_day, data)
         SELECT $1, 'bulk-' || g, 'ticket.issued', now(), current_date, '{}' FROM generate_series(1, 500) g`,
        [site.id],
      );
      await runner.query('SELECT pg_stat_force_next_flush()');
      await runner.query('SELECT 1');
    } finally {
      await runner.release();
    }
    const analysed = async () => (await t.ds.query(`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'events'`))[0].n as number;
    expect(await analysed()).toBeLessThan(500);
    expect(await t.app.get(TableUpkeep).run()).toContainEqual({ ident: 'events', action: 'analyze' });
    expect(await analysed()).toBeGreaterThanOrEqual(500);
    expect((await t.app.get(TableUpkeep).run()).filter((s) => s.ident === 'events')).toEqual([]);
  });
});
