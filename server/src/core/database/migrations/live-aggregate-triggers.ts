// The triggers behind the live_* aggregate tables. Statement-level with transition tables:
// one batch of 1,000 events costs one grouped upsert per table, not one per row. Each trigger
// turns the statement's old rows into negative and its new rows into positive contributions,
// so inserts, updates (a ticket's status moving on, an upheld appeal) and deletes (a
// projection rebuild) all keep the counters equal to a recount of the tables.
//
// Counter rows are shared by every transaction of a site, and one transaction writes them in
// several statements (tickets, then waits, then reviews): a per-site advisory lock taken by
// the first of them orders those transactions, so they queue instead of deadlocking.

/**
 * A trigger body run on the statement's rows with a sign (+1 new, -1 old), written out once
 * per operation as static SQL so that PL/pgSQL keeps each plan instead of planning per call.
 */
const perOperation = (statements: (rows: string) => string): string => {
  const body = (rows: string) => `
    PERFORM pg_advisory_xact_lock(7700, hashtext(site_id::text)) FROM (SELECT DISTINCT site_id FROM (${rows}) r ORDER BY 1) s;
    ${statements(rows)};`;
  return `
  IF TG_OP = 'INSERT' THEN ${body('SELECT 1 AS sign, * FROM new_rows')}
  ELSIF TG_OP = 'DELETE' THEN ${body('SELECT -1 AS sign, * FROM old_rows')}
  ELSE ${body('SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1 AS sign, * FROM old_rows')}
  END IF;`;
};

const triggerFunction = (name: string, statements: (rows: string) => string, replace = false): string => `
CREATE ${replace ? 'OR REPLACE ' : ''}FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN${perOperation(statements)}
  RETURN NULL;
END $fn$`;
const TICKETS_FN = triggerFunction('live_tickets_aggregate', (rows) => `
    WITH r AS (${rows}), c AS (
      SELECT site_id, service_day, COALESCE(department, '') AS department,
             sum(sign * (status = 'done')::int) AS served,
             sum(sign * (call_count > 0)::int) AS called,
             sum(sign * (status = 'no_show' AND call_count > 0)::int) AS no_show
      FROM r GROUP BY 1, 2, 3)
    INSERT INTO live_day_counts AS t (site_id, service_day, department, served, called, no_show)
    SELECT * FROM c WHERE served <> 0 OR called <> 0 OR no_show <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (site_id, service_day, department) DO UPDATE SET
      served = t.served + EXCLUDED.served, called = t.called + EXCLUDED.called, no_show = t.no_show + EXCLUDED.no_show;
    WITH r AS (${rows}), c AS (
      SELECT site_id, service_day, "window",
             sum(sign * (status = 'done')::int) AS done,
             sum(sign * (status IN ('done', 'no_show'))::int) AS finished
      FROM r WHERE "window" IS NOT NULL GROUP BY 1, 2, 3)
    INSERT INTO live_window_counts AS t (site_id, service_day, "window", done, finished)
    SELECT * FROM c WHERE done <> 0 OR finished <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (site_id, service_day, "window") DO UPDATE SET
      done = t.done + EXCLUDED.done, finished = t.finished + EXCLUDED.finished`);

/** The waits' histograms; `siteSeconds` adds the site's own seconds (a later migration). */
const waitsFunction = (siteSeconds: boolean): string =>
  triggerFunction(
    'live_waits_aggregate',
    (rows) => `
    WITH r AS (${rows}), s AS (
      SELECT site_id, service_day, COALESCE(department, '') AS department, sign,
             GREATEST(0, floor(extract(epoch FROM called_at - wait_from)))::int AS secs
      FROM r WHERE called_at IS NOT NULL),
    m AS (
      INSERT INTO live_wait_minutes AS t (site_id, service_day, department, minute, n, total_sec)
      SELECT site_id, service_day, department, secs / 60, sum(sign), sum(sign * secs) FROM s
      GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 OR sum(sign * secs) <> 0 ORDER BY 1, 2, 3, 4
      ON CONFLICT (site_id, service_day, department, minute) DO UPDATE SET
        n = t.n + EXCLUDED.n, total_sec = t.total_sec + EXCLUDED.total_sec)${
      siteSeconds
        ? `,
    x AS (
      INSERT INTO live_site_wait_seconds AS t (site_id, service_day, secs, n)
      SELECT site_id, service_day, secs, sum(sign) FROM s
      GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (site_id, service_day, secs) DO UPDATE SET n = t.n + EXCLUDED.n)`
        : ''
    }
    INSERT INTO live_wait_seconds AS t (site_id, service_day, department, secs, n)
    SELECT site_id, service_day, department, secs, sum(sign) FROM s
    GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (site_id, service_day, department, secs) DO UPDATE SET n = t.n + EXCLUDED.n`,
    siteSeconds,
  );

const REVIEWS_FN = triggerFunction('live_reviews_aggregate', (rows) => `
    WITH r AS (${rows}), c AS (
      SELECT site_id, service_day, department,
             sum(sign * (NOT excluded)::int) AS reviews,
             sum(sign * (NOT excluded AND rating >= 4)::int) AS good
      FROM r GROUP BY 1, 2, 3)
    INSERT INTO live_day_counts AS t (site_id, service_day, department, reviews, good)
    SELECT * FROM c WHERE reviews <> 0 OR good <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (site_id, service_day, department) DO UPDATE SET
      reviews = t.reviews + EXCLUDED.reviews, good = t.good + EXCLUDED.good`);

const triggersOn = (table: string, fn: string): string[] => [
  `CREATE TRIGGER ${table}_live_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  `CREATE TRIGGER ${table}_live_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  `CREATE TRIGGER ${table}_live_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
];

/** Fills the aggregates from the projections already stored (a database migrated with data in it). */
const BACKFILL = [
  `INSERT INTO live_day_counts (site_id, service_day, department, served, called, no_show, reviews, good)
   SELECT site_id, service_day, department, sum(served), sum(called), sum(no_show), sum(reviews), sum(good) FROM (
     SELECT site_id, service_day, COALESCE(department, '') AS department,
            count(*) FILTER (WHERE status = 'done') AS served,
            count(*) FILTER (WHERE call_count > 0) AS called, count(*) FILTER (WHERE status = 'no_show' AND call_count > 0) AS no_show,
            0 AS reviews, 0 AS good
     FROM tickets GROUP BY 1, 2, 3
     UNION ALL
     SELECT site_id, service_day, department, 0, 0, 0, count(*) FILTER (WHERE NOT excluded), count(*) FILTER (WHERE NOT excluded AND rating >= 4)
     FROM reviews GROUP BY 1, 2, 3) x
   GROUP BY 1, 2, 3`,
  `INSERT INTO live_window_counts (site_id, service_day, "window", done, finished)
   SELECT site_id, service_day, "window", count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status IN ('done', 'no_show'))
   FROM tickets WHERE "window" IS NOT NULL GROUP BY 1, 2, 3`,
  `INSERT INTO live_wait_seconds (site_id, service_day, department, secs, n)
   SELECT site_id, service_day, COALESCE(department, ''), GREATEST(0, floor(extract(epoch FROM called_at - wait_from)))::int, count(*)
   FROM ticket_waits WHERE called_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
  `INSERT INTO live_wait_minutes (site_id, service_day, department, minute, n, total_sec)
   SELECT site_id, service_day, department, secs / 60, sum(n), sum(n * secs) FROM live_wait_seconds GROUP BY 1, 2, 3, 4`,
];

export const LIVE_AGGREGATES_UP: string[] = [
  TICKETS_FN,
  waitsFunction(false),
  REVIEWS_FN,
  ...BACKFILL,
  ...triggersOn('tickets', 'live_tickets_aggregate'),
  ...triggersOn('ticket_waits', 'live_waits_aggregate'),
  ...triggersOn('reviews', 'live_reviews_aggregate'),
];

export const LIVE_AGGREGATES_DOWN: string[] = [
  ...['tickets', 'ticket_waits', 'reviews'].flatMap((t) => ['ins', 'upd', 'del'].map((k) => `DROP TRIGGER ${t}_live_${k} ON ${t}`)),
  'DROP FUNCTION live_reviews_aggregate()',
  'DROP FUNCTION live_waits_aggregate()',
  'DROP FUNCTION live_tickets_aggregate()',
];

/** The site's own wait seconds: kept by the waits trigger from now on, filled from the departments'. */
export const SITE_WAIT_SECONDS_UP: string[] = [
  waitsFunction(true),
  `INSERT INTO live_site_wait_seconds (site_id, service_day, secs, n)
   SELECT site_id, service_day, secs, sum(n) FROM live_wait_seconds GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
];

export const SITE_WAIT_SECONDS_DOWN: string[] = [waitsFunction(false).replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION')];
