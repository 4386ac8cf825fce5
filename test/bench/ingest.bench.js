// Ingest throughput: batches through the API vs a raw COPY of the same rows into the same
// table, and vs one event per request, all in one run on one machine.
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const { loadavg } = require('node:os');
const { demoHallDatabase, startServer } = require('./bench-env');

const N = Number(process.env.BENCH_INGEST_EVENTS || 20000);
const SINGLE = Number(process.env.BENCH_INGEST_SINGLE || 2000);

function events(prefix, n, depts) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    type: 'ticket.issued',
    occurredAt: new Date(now - (n - i) * 10).toISOString(),
    data: { ticket: `${prefix}${i}`, department: depts[i % depts.length], channel: 'walk_in' },
  }));
}

async function run() {
  const { db, key, siteId, depts } = await demoHallDatabase(async (ds) => {
    const [{ id }] = await ds.query(`SELECT id FROM sites WHERE code = 'huiji'`);
    return { siteId: id, depts: (await ds.query(`SELECT code FROM departments WHERE site_id = $1`, [id])).map((r) => r.code) };
  });
  const server = await startServer(db.url, 3900 + Math.floor(Math.random() * 90));
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  // The bulk COPY is one long statement: lift any statement timeout the database role may carry.
  await pg.query('SET statement_timeout = 0');
  const loadBefore = loadavg()[0];
  try {
    // 1. Raw COPY of the same rows into the events table (the floor of what storage costs).
    const copyRows = events('c', N, depts);
    const t0 = process.hrtime.bigint();
    await new Promise((resolve, reject) => {
      const stream = pg.query(copyFrom('COPY events (site_id, id, type, occurred_at, service_day, ticket, data) FROM STDIN'));
      stream.on('finish', resolve);
      stream.on('error', reject);
      for (const e of copyRows) {
        const day = e.occurredAt.slice(0, 10);
        stream.write(
          `${siteId}\t${e.id}\t${e.type}\t${e.occurredAt}\t${day}\t${e.data.ticket}\t${JSON.stringify(e.data).replace(/\\/g, '\\\\')}\n`,
        );
      }
      stream.end();
    });
    const copySec = Number(process.hrtime.bigint() - t0) / 1e9;

    // 2. Batches of 1,000 through the API: validation, dedupe, projections, commit, answer.
    const batchRows = events('b', N, depts);
    const t1 = process.hrtime.bigint();
    for (let i = 0; i < N; i += 1000) {
      const res = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events: batchRows.slice(i, i + 1000) }),
      });
      if (res.status !== 200) throw new Error(`batch answered ${res.status}`);
    }
    const batchSec = Number(process.hrtime.bigint() - t1) / 1e9;

    // 3. One event per request, 8 in flight (how a naive device fleet would send).
    const singles = events('s', SINGLE, depts);
    const t2 = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < singles.length) {
          const e = singles[next++];
          const res = await fetch(`${server.url}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify(e),
          });
          if (res.status !== 200) throw new Error(`single answered ${res.status}`);
          await res.arrayBuffer();
        }
      }),
    );
    const singleSec = Number(process.hrtime.bigint() - t2) / 1e9;
    const [{ sc }] = (await pg.query(`SHOW synchronous_commit`)).rows.map((r) => ({ sc: r.synchronous_commit }));

    const copyRate = N / copySec;
    const batchRate = N / batchSec;
    const singleRate = SINGLE / singleSec;
    return `
| path | events | seconds | events/s |
|---|---|---|---|
| raw \`COPY\` into \`events\` | ${N} | ${copySec.toFixed(2)} | ${Math.round(copyRate)} |
| API, batches of 1,000 | ${N} | ${batchSec.toFixed(2)} | ${Math.round(batchRate)} |
| API, one event per request (8 in flight) | ${SINGLE} | ${singleSec.toFixed(2)} | ${Math.round(singleRate)} |

\`synchronous_commit\` = ${sc}. Batch ingest is **${((batchRate / copyRate) * 100).toFixed(0)}%** of COPY (target ≥ 50%) and
**${(batchRate / singleRate).toFixed(1)}×** one-event-per-request (target ≥ 10×). The batch path also validates every
event, settles duplicates, and updates the ticket projection in the same transaction; COPY only writes rows.
One event per request pays one WAL flush (\`synchronous_commit\` on) per request, which is why devices batch.
Machine load (1-minute average) ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after the run: client, server and
PostgreSQL share its cores with whatever else runs, so the figures move from run to run.
`;
  } finally {
    await pg.end();
    await server.stop();
    await db.drop();
  }
}

module.exports = { run };
