// The leaders' trends at city scale: 10 million reviews over one year, written with SQL
// generate_series into a private database (never through the API), then the daily trend by
// department read from the rollups against the naive GROUP BY on the raw reviews table,
// both in the same run on the same data.
const { join } = require('node:path');
const { Client } = require('pg');
const { createBenchDatabase, percentile, ROOT } = require('./bench-env');

const REVIEWS = Number(process.env.BENCH_TRENDS_REVIEWS || 10_000_000);
const DISTRICTS = Number(process.env.BENCH_TRENDS_DISTRICTS || 6);
const RUNS = Number(process.env.BENCH_TRENDS_RUNS || 60);
const NAIVE_RUNS = Number(process.env.BENCH_TRENDS_NAIVE_RUNS || 5);
const FROM = '2025-01-01';
const TO = '2025-12-31';

const dist = (p) => require(join(ROOT, 'server/dist', p));
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** A city: districts of one hall (41 departments), 8 town centres and 15 village stations each. */
async function buildCity(pg) {
  const { DEMO_DEPARTMENTS } = dist('modules/demo/demo-hall.js');
  const points = [];
  let bias = 0;
  const point = (siteId, department, window, staff, weight) =>
    points.push({ siteId, department, window, staff, weight, bias: (bias = (bias + 37) % 61) });
  const site = async (code, tier, parentId) =>
    (await pg.query(`INSERT INTO sites (code, name, tier, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`, [code, code, tier, parentId]))
      .rows[0].id;
  for (let d = 1; d <= DISTRICTS; d++) {
    const hall = await site(`d${d}`, 'hall', null);
    for (const dep of DEMO_DEPARTMENTS)
      for (let w = 1; w <= dep.windows; w++) point(hall, dep.code, `${dep.code}-${w}`, `${dep.code}-s${w}`, 10);
    for (let t = 1; t <= 8; t++) {
      const town = await site(`d${d}-t${t}`, 'town', hall);
      for (const dep of DEMO_DEPARTMENTS.slice(0, 8)) point(town, dep.code, `${dep.code}-1`, `${dep.code}-s1`, 3);
      for (let v = 1; v <= 15; v++) {
        const village = await site(`d${d}-t${t}-v${v}`, 'village', town);
        for (const dep of DEMO_DEPARTMENTS.slice(0, 2)) point(village, dep.code, `${dep.code}-1`, `${dep.code}-s1`, 1);
      }
    }
  }
  return points;
}

const ROLLUP_SQL = (
  level,
) => `SELECT day::text AS day, key, sum(reviews)::float8 AS reviews, sum(good)::float8 AS good, sum(bad)::float8 AS bad
  FROM review_daily_rollups WHERE level = '${level}' AND site_id = $1 AND dim = 'department' AND day BETWEEN $2 AND $3 GROUP BY day, key`;
const NAIVE_SQL = `SELECT service_day::text AS day, department AS key, count(*) AS reviews, count(*) FILTER (WHERE rating >= 4) AS good,
  count(*) FILTER (WHERE rating <= 2) AS bad FROM reviews WHERE NOT excluded AND service_day BETWEEN $1 AND $2 GROUP BY 1, 2`;

async function timeRuns(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(ms(t0));
  }
  return times.sort((a, b) => a - b);
}

async function run() {
  const db = await createBenchDatabase();
  const { createDataSource } = dist('core/database/data-source.js');
  const { seedReviewHistory } = dist('modules/reviews/review-history-seed.js');
  const { RollupService } = dist('modules/trends/rollup.service.js');
  const { readMatrix } = dist('modules/trends/trends-query.js');
  const { ALL_SITES_ID } = dist('modules/trends/entities/review-daily-rollup.entity.js');
  const ds = createDataSource(db.url);
  await ds.initialize();
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    await ds.runMigrations();
    const points = await buildCity(pg);
    const sites = Number((await pg.query(`SELECT count(*) FROM sites`)).rows[0].count);
    // A bulk load into a private database: indexes are built once afterwards, not row by row.
    await pg.query(`DROP INDEX idx_reviews_site_day, idx_tickets_site_day_status`);
    const tickets = Math.ceil(REVIEWS / 0.995);
    console.log(`generating ~${REVIEWS} reviews (${tickets} served tickets) over ${sites} sites…`);
    const g0 = process.hrtime.bigint();
    await seedReviewHistory(ds, {
      points,
      from: FROM,
      to: TO,
      tickets,
      prefix: 'b',
      timeZone: 'Asia/Shanghai',
      now: new Date('2026-01-15T00:00:00Z'),
      waits: process.env.BENCH_TRENDS_WAITS === '1',
      chunk: 500_000,
      progress: (n) => console.log(`  ${n} tickets, ${seconds(g0).toFixed(0)} s`),
    });
    await pg.query(`CREATE INDEX idx_reviews_site_day ON reviews (site_id, service_day)`);
    await pg.query(`CREATE INDEX idx_tickets_site_day_status ON tickets (site_id, service_day, status)`);
    await pg.query(`VACUUM ANALYZE reviews, tickets, follow_up_cases`);
    const genSec = seconds(g0);
    const reviews = Number((await pg.query(`SELECT count(*) FROM reviews`)).rows[0].count);
    const cases = Number((await pg.query(`SELECT count(*) FROM follow_up_cases`)).rows[0].count);
    console.log(`generated ${reviews} reviews in ${genSec.toFixed(0)} s; rebuilding the rollups…`);

    const r0 = process.hrtime.bigint();
    await new RollupService(ds).rebuild(null, FROM, TO, (d) => console.log(`  rollups through ${d}, ${seconds(r0).toFixed(0)} s`));
    const rebuildSec = seconds(r0);
    await pg.query(`VACUUM ANALYZE review_daily_rollups, review_hourly_rollups`);
    const rollupRows = Number((await pg.query(`SELECT count(*) FROM review_daily_rollups`)).rows[0].count);

    // The check that both answer the same question: the year's totals per department agree.
    const fromRollup = await readMatrix(ds.manager, { level: 'all', siteId: ALL_SITES_ID }, 'department', FROM, TO);
    const naiveRows = (await pg.query(NAIVE_SQL, [FROM, TO])).rows;
    const total = (rows, k) => rows.reduce((n, r) => n + Number(r.counts ? r.counts[k] : r[k]), 0);
    for (const k of ['reviews', 'good', 'bad'])
      if (total(fromRollup, k) !== total(naiveRows, k))
        throw new Error(`rollup and raw disagree on ${k}: ${total(fromRollup, k)} vs ${total(naiveRows, k)}`);
    // The rollup also holds department-days with services but no review; the raw reviews cannot.
    const reviewed = fromRollup.filter((r) => r.counts.reviews > 0).length;
    if (reviewed !== naiveRows.length) throw new Error(`rollup has ${reviewed} reviewed day×department rows, raw ${naiveRows.length}`);

    // The application's own read (readMatrix), for the whole city and for one district's hall with its stations.
    const hall = (await pg.query(`SELECT id FROM sites WHERE code = 'd1'`)).rows[0].id;
    await timeRuns(5, () => readMatrix(ds.manager, { level: 'all', siteId: ALL_SITES_ID }, 'department', FROM, TO));
    const city = await timeRuns(RUNS, () => readMatrix(ds.manager, { level: 'all', siteId: ALL_SITES_ID }, 'department', FROM, TO));
    const district = await timeRuns(RUNS, () => readMatrix(ds.manager, { level: 'tree', siteId: hall }, 'department', FROM, TO));
    const sql = await timeRuns(RUNS, () => pg.query(ROLLUP_SQL('all'), [ALL_SITES_ID, FROM, TO]));
    await pg.query(NAIVE_SQL, [FROM, TO]); // warm
    const naive = await timeRuns(NAIVE_RUNS, () => pg.query(NAIVE_SQL, [FROM, TO]));

    const p = (xs, q) => percentile(xs, q).toFixed(1);
    const cityP95 = percentile(city, 95);
    const speedup = percentile(naive, 50) / percentile(city, 50);
    const speedupP95 = percentile(naive, 50) / cityP95;
    const pass = cityP95 <= 100 && speedupP95 >= 20;
    return `
Data: **${reviews.toLocaleString('en')} reviews** over ${FROM}..${TO} (${tickets.toLocaleString('en')} served tickets,
${cases.toLocaleString('en')} follow-up cases) at ${sites} sites (${DISTRICTS} district halls, their town centres and village
stations), written by \`seedReviewHistory\` (SQL \`generate_series\`) in **${genSec.toFixed(0)} s**, indexes built after the load.
Rollup rebuild (\`reviews-rollup-rebuild\`, month by month): **${rebuildSec.toFixed(0)} s**, ${rollupRows.toLocaleString('en')} daily rows.
The rollup and the raw table agree on every day × department total.

The leaders' daily trend by department for the whole year (${fromRollup.length.toLocaleString('en')} day × department rows):

| query | runs | p50 ms | p95 ms | max ms |
|---|---|---|---|---|
| rollups, whole city (\`readMatrix\`, level all) | ${RUNS} | ${p(city, 50)} | ${p(city, 95)} | ${p(city, 100)} |
| rollups, one district hall with its stations (level tree) | ${RUNS} | ${p(district, 50)} | ${p(district, 95)} | ${p(district, 100)} |
| rollups, plain rows through the driver (3 of the 15 counts) | ${RUNS} | ${p(sql, 50)} | ${p(sql, 95)} | ${p(sql, 100)} |
| naive \`GROUP BY\` on the raw \`reviews\` table | ${NAIVE_RUNS} | ${p(naive, 50)} | ${p(naive, 95)} | ${p(naive, 100)} |

City p95 **${cityP95.toFixed(1)} ms** (target ≤ 100 ms); the rollup read is **${speedup.toFixed(0)}×** faster than the naive
GROUP BY at the median and **${speedupP95.toFixed(0)}×** comparing its p95 with the naive median (target ≥ 20×): **${pass ? 'met' : 'NOT met'}**.
${process.env.BENCH_TRENDS_WAITS === '1' ? '' : 'Ticket waits were not generated in this run (BENCH_TRENDS_WAITS=1 adds them); they do not enter this query.'}
`;
  } finally {
    await pg.end();
    await ds.destroy();
    await db.drop();
  }
}

module.exports = { run };
