import { RollupService } from '../../server/src/modules/trends/rollup.service';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = '2026-11-02';
const at = (time: string) => new Date(`${DAY}T${time}+08:00`);

// A database holding ratings from before one rating per visit: the same ticket rated several
// times. The migration must settle them as ingest now does and leave every count true.
describe('the one-rating-per-visit migration on a database holding repeated ratings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const hasVisit = async () =>
    (await t.ds.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'reviews' AND column_name = 'visit'`)).length > 0;

  /** The live counts against a count of the reviews themselves, per department. */
  async function liveAndRecount(siteId: string) {
    const live = await t.ds.query(
      `SELECT department, reviews, good FROM live_day_counts WHERE site_id = $1 AND service_day = $2 AND (reviews <> 0 OR good <> 0)
       ORDER BY department`,
      [siteId, DAY],
    );
    const recount = await t.ds.query(
      `SELECT department, count(*) FILTER (WHERE NOT excluded)::int AS reviews, count(*) FILTER (WHERE NOT excluded AND rating >= 4)::int AS good
       FROM reviews WHERE site_id = $1 AND service_day = $2 GROUP BY 1 ORDER BY 1`,
      [siteId, DAY],
    );
    return { live, recount };
  }

  const rollups = async (siteId: string) =>
    t.ds.query(
      `SELECT dim, key, reviews, good, bad FROM review_daily_rollups WHERE site_id = $1 AND day = $2 AND level = 'site' ORDER BY dim, key`,
      [siteId, DAY],
    );

  it('keeps the earliest rating of each ticket, moves the others to rejected_ratings, and the counts follow', async () => {
    const site = await makeSite(t.ds, 'oldrates');
    for (let undone = 0; (await hasVisit()) && undone < t.ds.migrations.length; undone++) await t.ds.undoLastMigration();
    expect(await hasVisit()).toBe(false);

    const review = (id: string, time: string, rating: number, ticket: string | null, department = 'd1') =>
      t.ds.query(
        `INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, ticket, follow_up_open)
         VALUES ($1, $2, $3, $4, $5, 'pad', $6, $7, $8)`,
        [site.id, id, at(time), DAY, rating, department, ticket, rating <= 2],
      );
    // A001: three ratings; "a-1" and "a-0" share the earliest instant, so the id decides (a-0).
    await review('a-1', '10:00:00', 5, 'A001');
    await review('a-2', '10:05:00', 1, 'A001');
    await review('a-0', '10:00:00', 5, 'A001');
    // A002: rated twice, the later one bad, with a follow-up someone already worked on.
    await review('b-1', '11:00:00', 4, 'A002', 'd2');
    await review('b-2', '11:30:00', 2, 'A002', 'd2');
    await review('c-1', '12:00:00', 3, 'A003');
    await review('anon-1', '12:10:00', 5, null);
    await review('anon-2', '12:10:00', 5, null);
    const openCase = (id: string) =>
      t.ds.query(
        `INSERT INTO follow_up_cases (site_id, kind, source_id, department, opened_at, status, contact_due_at, resolve_due_at)
         VALUES ($1, 'review', $2, 'd1', $3, 'awaiting_contact', $3, $3) RETURNING id`,
        [site.id, id, at('13:00:00')],
      );
    await openCase('a-2');
    const [worked] = await openCase('b-2');
    await t.ds.query(`INSERT INTO follow_up_actions (case_id, kind, at, actor) VALUES ($1, 'contact', $2, 'desk')`, [
      worked.id,
      at('14:00:00'),
    ]);
    // The rollups cannot be folded here: today's rollup code reads columns of later migrations.
    const [stored] = await t.ds.query(`SELECT count(*)::int AS n FROM reviews WHERE site_id = $1`, [site.id]);
    expect(stored.n).toBe(8);
    const flush = () => t.app.get(RollupService).flush();

    await t.ds.runMigrations();
    expect(await hasVisit()).toBe(true);
    const marks = await t.ds.query(`SELECT 1 FROM review_rollup_marks WHERE site_id = $1 AND day = $2`, [site.id, DAY]);
    expect(marks).toHaveLength(1);

    const kept = await t.ds.query(`SELECT event_id FROM reviews WHERE site_id = $1 ORDER BY event_id`, [site.id]);
    expect(kept.map((r: { event_id: string }) => r.event_id)).toEqual(['a-0', 'anon-1', 'anon-2', 'b-1', 'c-1']);
    const refused = await t.ds.query(
      `SELECT event_id, reason, field, counted_event_id, ticket, rating, sent_by FROM rejected_ratings WHERE site_id = $1 ORDER BY event_id`,
      [site.id],
    );
    expect(refused).toEqual([
      {
        event_id: 'a-1',
        reason: 'already_rated',
        field: 'data.ticket',
        counted_event_id: 'a-0',
        ticket: 'A001',
        rating: 5,
        sent_by: 'migration',
      },
      {
        event_id: 'a-2',
        reason: 'already_rated',
        field: 'data.ticket',
        counted_event_id: 'a-0',
        ticket: 'A001',
        rating: 1,
        sent_by: 'migration',
      },
      {
        event_id: 'b-2',
        reason: 'already_rated',
        field: 'data.ticket',
        counted_event_id: 'b-1',
        ticket: 'A002',
        rating: 2,
        sent_by: 'migration',
      },
    ]);
    // The untouched case went with its rating; the one someone worked on stays for the record.
    const cases = await t.ds.query(`SELECT source_id FROM follow_up_cases WHERE site_id = $1 ORDER BY source_id`, [site.id]);
    expect(cases.map((c: { source_id: string }) => c.source_id)).toEqual(['b-2']);

    const { live, recount } = await liveAndRecount(site.id);
    expect(live).toEqual(recount);
    expect(recount.reduce((n: number, r: { reviews: number }) => n + r.reviews, 0)).toBe(5);

    // The migration marked the day: the rollups fold it, and a fresh recount gives the same.
    await flush();
    const settled = await rollups(site.id);
    expect(settled.find((r: { dim: string }) => r.dim === 'total')).toMatchObject({ reviews: 5, good: 4, bad: 0 });
    await t.ds.query(`INSERT INTO review_rollup_marks (site_id, day) VALUES ($1, $2)`, [site.id, DAY]);
    await flush();
    expect(await rollups(site.id)).toEqual(settled);

    // From now on the index holds: the same ticket cannot be counted twice.
    await expect(
      t.ds.query(
        `INSERT INTO reviews (site_id, event_id, occurred_at, service_day, rating, channel, department, ticket, visit)
         VALUES ($1, 'late', $2, $3, 5, 'pad', 'd1', 'A001', $4)`,
        [site.id, at('15:00:00'), DAY, `t:${DAY}:A001`],
      ),
    ).rejects.toThrow(/uq_reviews_visit/);
  });
});
