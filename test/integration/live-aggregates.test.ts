import fc from 'fast-check';
import { rebuildProjections } from '../../server/src/modules/projections/projection-rebuild';
import { makeSite } from '../support/factories';
import { dayEvents, hallDayArb, localDay, RawEvent } from '../support/hall-day';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// The live_* aggregates are kept by triggers from each statement's old and new rows. Whatever
// the writes — concurrent batches of one site, late events rewriting tickets, a projection
// rebuild deleting everything, an upheld appeal — they must equal a recount of the tables.

const RECOUNTS: Record<string, string> = {
  live_day_counts: `
    SELECT day, department, sum(served)::int AS served, sum(called)::int AS called, sum(no_show)::int AS no_show,
           sum(reviews)::int AS reviews, sum(good)::int AS good FROM (
      SELECT service_day::text AS day, COALESCE(department, '') AS department, (status = 'done')::int AS served, (call_count > 0)::int AS called,
             (status = 'no_show' AND call_count > 0)::int AS no_show, 0 AS reviews, 0 AS good
      FROM tickets WHERE site_id = $1
      UNION ALL
      SELECT service_day::text, department, 0, 0, 0, (NOT excluded)::int, (NOT excluded AND rating >= 4)::int FROM reviews WHERE site_id = $1) x
    GROUP BY day, department HAVING (sum(served), sum(called), sum(no_show), sum(reviews), sum(good)) <> (0, 0, 0, 0, 0)`,
  live_window_counts: `
    SELECT service_day::text AS day, "window", count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status IN ('done', 'no_show'))::int AS finished
    FROM tickets WHERE site_id = $1 AND "window" IS NOT NULL GROUP BY 1, 2
    HAVING count(*) FILTER (WHERE status IN ('done', 'no_show')) > 0`,
  live_wait_seconds: `
    SELECT service_day::text AS day, COALESCE(department, '') AS department,
           GREATEST(0, floor(extract(epoch FROM called_at - wait_from)))::int AS secs, count(*)::int AS n
    FROM ticket_waits WHERE site_id = $1 AND called_at IS NOT NULL GROUP BY 1, 2, 3`,
  live_site_wait_seconds: `
    SELECT service_day::text AS day, GREATEST(0, floor(extract(epoch FROM called_at - wait_from)))::int AS secs, count(*)::int AS n
    FROM ticket_waits WHERE site_id = $1 AND called_at IS NOT NULL GROUP BY 1, 2`,
  live_wait_minutes: `
    SELECT day, department, secs / 60 AS minute, sum(n)::int AS n, sum(n * secs)::bigint AS total_sec FROM (
      SELECT service_day::text AS day, COALESCE(department, '') AS department, GREATEST(0, floor(extract(epoch FROM called_at - wait_from)))::int AS secs, 1 AS n
      FROM ticket_waits WHERE site_id = $1 AND called_at IS NOT NULL) w GROUP BY 1, 2, 3`,
};

const STORED: Record<string, string> = {
  live_day_counts: `SELECT service_day::text AS day, department, served, called, no_show, reviews, good FROM live_day_counts
                    WHERE site_id = $1 AND (served, called, no_show, reviews, good) <> (0, 0, 0, 0, 0)`,
  live_window_counts: `SELECT service_day::text AS day, "window", done, finished FROM live_window_counts WHERE site_id = $1 AND (done, finished) <> (0, 0)`,
  live_wait_seconds: `SELECT service_day::text AS day, department, secs, n FROM live_wait_seconds WHERE site_id = $1 AND n <> 0`,
  live_wait_minutes: `SELECT service_day::text AS day, department, minute, n, total_sec FROM live_wait_minutes WHERE site_id = $1 AND n <> 0`,
  live_site_wait_seconds: `SELECT service_day::text AS day, secs, n FROM live_site_wait_seconds WHERE site_id = $1 AND n <> 0`,
};

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('live aggregates kept by triggers', () => {
  let t: TestApp;
  const testDay = localDay(Date.now() - 3 * 86_400_000);
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  async function expectRecount(siteId: string): Promise<void> {
    for (const table of Object.keys(RECOUNTS)) {
      const stored = sorted(await t.ds.query(STORED[table], [siteId]));
      const recount = sorted(await t.ds.query(RECOUNTS[table], [siteId]));
      expect({ table, rows: stored }).toEqual({ table, rows: recount });
    }
  }

  it('equal a recount after concurrent shuffled batches, a rebuild and an upheld appeal', async () => {
    const days = fc.sample(hallDayArb, { numRuns: 3, seed: 20261126 });
    for (const [i, day] of days.entries()) {
      const site = await makeSite(t.ds, `agg${i}`, 3);
      const key = await t.deviceKey(`agg${i}`);
      const { events } = dayEvents(day, testDay);
      // Late arrivals first and repeats: tickets get rewritten, waits deleted and re-inserted.
      const shuffled: RawEvent[] = fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), { numRuns: 1, seed: i })[0];
      const sends = [...shuffled, ...shuffled.filter((_, k) => k % 4 === 0)];
      const batches: RawEvent[][] = [];
      for (let k = 0; k < sends.length; k += 7) batches.push(sends.slice(k, k + 7));
      // Six clients at once on one site: the counter rows are shared, so this is where a deadlock would show.
      const lanes = Array.from({ length: 6 }, (_, lane) => batches.filter((_, b) => b % 6 === lane));
      await Promise.all(
        lanes.map(async (lane) => {
          for (const batch of lane) {
            const res = await postEvents(t.url, key, { events: batch });
            expect(res.status).toBe(200);
            // Only second ratings of a visit are refused (one rating per visit).
            for (const r of res.body.results.filter((x) => x.status === 'rejected'))
              expect(r).toMatchObject({ field: 'data.ticket', reason: 'already_rated' });
          }
        }),
      );
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM live_wait_seconds WHERE site_id = $1 AND n <> 0`, [site.id]);
      if (i === 0) expect(n).toBeGreaterThan(0);
      await expectRecount(site.id);

      await rebuildProjections(t.ds, site.id, t.config.PHONE_SECRET);
      await expectRecount(site.id);

      await t.ds.query(`UPDATE reviews SET excluded = true WHERE site_id = $1 AND rating <= 2`, [site.id]);
      await t.ds.query(`DELETE FROM reviews WHERE site_id = $1 AND rating = 5`, [site.id]);
      await expectRecount(site.id);
    }
  });

  it('are filled from the stored waits when the site seconds arrive by migration on a database holding a day', async () => {
    const site = await makeSite(t.ds, 'aggm', 3);
    const key = await t.deviceKey('aggm');
    const { events } = dayEvents(fc.sample(hallDayArb, { numRuns: 1, seed: 7 })[0], testDay);
    expect((await postEvents(t.url, key, { events })).status).toBe(200);
    const present = async () =>
      (await t.ds.query(`SELECT to_regclass('live_site_wait_seconds') IS NOT NULL AS present`))[0].present as boolean;
    // Back to before the migration that brings the site seconds (and any after it).
    for (let undone = 0; (await present()) && undone < t.ds.migrations.length; undone++) await t.ds.undoLastMigration();
    expect(await present()).toBe(false);
    // Waits recorded while the trigger knows no site seconds, then the migration again.
    await rebuildProjections(t.ds, site.id, t.config.PHONE_SECRET);
    await t.ds.runMigrations();
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM live_site_wait_seconds WHERE site_id = $1 AND n <> 0`, [site.id]);
    expect(n).toBeGreaterThan(0);
    await expectRecount(site.id);
    await rebuildProjections(t.ds, site.id, t.config.PHONE_SECRET);
    await expectRecount(site.id);
  });
});
