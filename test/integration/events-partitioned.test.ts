import { EVENT_PARTITIONS } from '../../server/src/core/database/migrations/1795716500000-partition-events';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// docs/contracts/reliability.md: a city deployment keeps every site's events on one PostgreSQL, in partitioned tables.
describe('the events table, partitioned by site', () => {
  let t: TestApp;
  const DAY_MS = 86_400_000;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const partitionOf = async (siteId: string): Promise<string[]> =>
    (await t.ds.query(`SELECT DISTINCT tableoid::regclass::text AS part FROM events WHERE site_id = $1`, [siteId])).map(
      (r: { part: string }) => r.part,
    );

  it(`is split into ${EVENT_PARTITIONS} hash partitions on the site, with a site's events all in one`, async () => {
    const [{ strategy, keys }] = await t.ds.query(
      `SELECT p.partstrat AS strategy, array_to_string(ARRAY(SELECT a.attname FROM unnest(p.partattrs) k JOIN pg_attribute a
         ON a.attrelid = p.partrelid AND a.attnum = k), ',') AS keys
       FROM pg_partitioned_table p WHERE p.partrelid = 'events'::regclass`,
    );
    expect({ strategy, keys }).toEqual({ strategy: 'h', keys: 'site_id' });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'events'::regclass`);
    expect(n).toBe(EVENT_PARTITIONS);

    const sites = await Promise.all(['pa', 'pb', 'pc'].map((code) => makeSite(t.ds, code, 1)));
    for (const site of sites) {
      const key = await t.deviceKey(site.code);
      const events = Array.from({ length: 12 }, (_, i) => ev('ticket.issued', { ticket: `P${i}`, department: 'd1', channel: 'walk_in' }));
      const res = await postEvents(t.url, key, { events });
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(events.map(() => 'accepted'));
      expect(await partitionOf(site.id)).toHaveLength(1);
    }
  });

  it("reads one partition for a site's day", async () => {
    const site = await makeSite(t.ds, 'pread', 1);
    const plan: string = (
      await t.ds.query(`EXPLAIN (FORMAT JSON) SELECT id, type FROM events WHERE site_id = $1 AND service_day = $2::date`, [
        site.id,
        new Date().toISOString().slice(0, 10),
      ])
    )[0]['QUERY PLAN'][0] as unknown as string;
    const scanned = JSON.stringify(plan).match(/"Relation Name":"events_p\d+"/g) ?? [];
    expect(scanned).toHaveLength(1);
  });

  it('stores an id once per site across all days, as the idempotency key of docs/contracts/device-events.md says', async () => {
    const site = await makeSite(t.ds, 'pidem', 1);
    const key = await t.deviceKey('pidem');
    const now = Date.now();
    const first = ev('ticket.issued', { ticket: 'Q1', department: 'd1', channel: 'walk_in' }, new Date(now - 2 * DAY_MS), 'same-id');
    const again = ev('ticket.issued', { ticket: 'Q1', department: 'd1', channel: 'walk_in' }, new Date(now), 'same-id');
    expect((await postEvents(t.url, key, first)).body.results[0].status).toBe('accepted');
    expect((await postEvents(t.url, key, again)).body.results[0].status).toBe('duplicate');
    const rows = await t.ds.query(`SELECT service_day::text AS day FROM events WHERE site_id = $1 AND id = 'same-id'`, [site.id]);
    expect(rows).toHaveLength(1);
    // Another site may use the same id.
    await makeSite(t.ds, 'pidem2', 1);
    expect((await postEvents(t.url, await t.deviceKey('pidem2'), again)).body.results[0].status).toBe('accepted');
  });

  it('keeps every stored event when the migration is undone and run again', async () => {
    const fingerprint = async () =>
      (
        await t.ds.query(
          `SELECT count(*)::int AS n, md5(string_agg(site_id || id || type || occurred_at || received_at || service_day
             || coalesce(ticket, '') || data::text || unknown_refs::text, '|' ORDER BY site_id, id)) AS sum FROM events`,
        )
      )[0] as { n: number; sum: string };
    const partitioned = async () => (await t.ds.query(`SELECT relkind = 'p' AS p FROM pg_class WHERE relname = 'events'`))[0].p as boolean;
    const before = await fingerprint();
    expect(before.n).toBeGreaterThan(30);

    for (let undone = 0; (await partitioned()) && undone < t.ds.migrations.length; undone++) await t.ds.undoLastMigration();
    expect(await partitioned()).toBe(false);
    expect(await fingerprint()).toEqual(before);
    await t.ds.runMigrations();
    expect(await partitioned()).toBe(true);
    expect(await fingerprint()).toEqual(before);
    // Still the idempotency key after the round trip.
    const [{ id, siteId }] = await t.ds.query(`SELECT id, site_id AS "siteId" FROM events LIMIT 1`);
    await expect(
      t.ds.query(`INSERT INTO events (site_id, id, type, occurred_at, service_day, data) VALUES ($1, $2, 'x', now(), current_date, '{}')`, [
        siteId,
        id,
      ]),
    ).rejects.toThrow(/duplicate key/);
  });
});
