// Live push: event accepted → `update` received with 500 socket clients, in a quiet hall and at
// 1,000 events/s; CPU per event (server process and its PostgreSQL backends) with a small and a
// large day already stored and a wall watching; two instances against one.
const { io } = require('socket.io-client');
const WebSocket = require('ws');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { demoHallDatabase, displayToken, startServer, percentile, ROOT } = require('./bench-env');
const { UPDATES_PER_SECOND, UPDATE_BURST } = require('@hallwatch/shared');
const { UPKEEP_LOCK_KEY } = require(join(ROOT, 'server/dist/core/database/table-upkeep.js'));
const { ROLLUP_LOCK, RollupService } = require(join(ROOT, 'server/dist/modules/trends/rollup.service.js'));
const { ROLLUP_FLUSH_EVERY_MS, ROLLUP_FLUSH_SPACING } = require(join(ROOT, 'server/dist/modules/trends/jobs/rollup-flush.job.js'));

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS || 500);
const RATE = Number(process.env.BENCH_LIVE_RATE || 1000);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS || 10);
const SMALL = Number(process.env.BENCH_DAY_SMALL || 10_000);
const LARGE = Number(process.env.BENCH_DAY_LARGE || 1_000_000);
const MEASURED = 10_000;
const WARM_UP = 30_000;
// Latency is read at this many of the clients; the rest read and drop their frames (see rawClients).
const SAMPLED = Math.min(CLIENTS, Number(process.env.BENCH_LIVE_SAMPLED || 50));
// Departments no registry holds, one per loaded phase: each batch issues one ticket there that is
// never called, so the department's waiting count says how many batches an update includes.
const MARKS = { slow: 'BENCH-MARK-4', fast: 'BENCH-MARK-20' };

/**
 * A hall's events in the order devices send them: each ticket is issued, then — some hundreds of
 * tickets later, so that a queue stands — called, started, completed and rated. Times run from
 * `from` in steps of `stepMs` per ticket, with waits of 0–30 minutes and services of 1–15, both
 * times `scale` (below 1 early in the hall's day, so that nothing lies in the future).
 */
function hallStream(prefix, points, from, stepMs, scale = 1) {
  const QUEUE = 300;
  const depts = Object.keys(points);
  let n = 0;
  const pending = [];
  const rnd = (i, k) => ((i * 2654435761 + k * 40503) % 1_000_003) / 1_000_003;
  const at = (ms) => new Date(ms).toISOString();
  return {
    take(count) {
      const out = [];
      while (out.length < count) {
        const i = n++;
        const issuedAt = from + i * stepMs;
        const ticket = `${prefix}${i.toString(36)}`;
        const dept = depts[i % depts.length];
        out.push({
          id: `${ticket}-i`,
          type: 'ticket.issued',
          occurredAt: at(issuedAt),
          data: { ticket, department: dept, channel: 'walk_in' },
        });
        pending.push({ ticket, dept, issuedAt, i });
        if (pending.length > QUEUE) {
          const t = pending.shift();
          const desk = points[t.dept][t.i % points[t.dept].length];
          const { window, staff } = desk;
          const calledAt = t.issuedAt + Math.floor(rnd(t.i, 1) * 1800_000 * scale);
          const endedAt = calledAt + 10_000 + Math.floor((60_000 + rnd(t.i, 2) * 840_000) * scale);
          out.push(
            { id: `${t.ticket}-c`, type: 'ticket.called', occurredAt: at(calledAt), data: { ticket: t.ticket, window } },
            { id: `${t.ticket}-s`, type: 'ticket.started', occurredAt: at(calledAt + 10_000), data: { ticket: t.ticket, window, staff } },
            {
              id: `${t.ticket}-e`,
              type: 'ticket.completed',
              occurredAt: at(endedAt),
              data: { ticket: t.ticket, window, staff, outcome: 'done' },
            },
            {
              id: `${t.ticket}-r`,
              type: 'review.submitted',
              occurredAt: at(endedAt + 5_000),
              data: { rating: rnd(t.i, 3) < 0.01 ? 2 : 5, channel: 'pad', department: t.dept, ticket: t.ticket, window, staff },
            },
          );
        }
      }
      return out;
    },
  };
}

async function post(url, key, events) {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ events }),
  });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  const body = await res.json();
  const rejected = body.results.filter((r) => r.status === 'rejected');
  if (rejected.length) throw new Error(`ingest rejected ${rejected.length}: ${JSON.stringify(rejected[0])}`);
}

/** utime + stime of a process in seconds, from /proc (0 for a process that has gone). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU of the server process and of every PostgreSQL backend serving the bench database. */
async function cpuOf(server, dbName) {
  const c = new Client({ connectionString: process.env.HALLWATCH_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  const rows = (await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName])).rows;
  await c.end();
  const backends = rows.reduce((sum, r) => sum + cpuSeconds(r.pid), 0);
  return { server: cpuSeconds(server.proc.pid), backends };
}

async function prepare() {
  const ctx = await demoHallDatabase(async (ds) => {
    const token = await displayToken(ds, 'huiji');
    // Every department's open windows, each with a member of its staff: the registry's own, so that
    // nothing is flagged as unknown.
    const rows = await ds.query(
      `SELECT w.department_code AS dept, w.code AS window, (SELECT st.code FROM staff st WHERE st.site_id = s.id AND st.department_code = w.department_code
         ORDER BY st.code LIMIT 1) AS staff
       FROM windows w JOIN sites s ON s.id = w.site_id WHERE s.code = 'huiji' AND w.is_open AND w.department_code IS NOT NULL ORDER BY 1, 2`,
    );
    const depts = {};
    for (const r of rows) (depts[r.dept] ??= []).push({ window: r.window, staff: r.staff ?? `S${r.dept}` });
    return { token, depts };
  });
  return { ...ctx, dbName: new URL(ctx.db.url).pathname.slice(1) };
}

function connectClients(url, token, count) {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const s = io(`${url}/live`, { auth: { site: 'huiji', token }, transports: ['websocket'] });
          const seen = [];
          const record = (u) =>
            seen.push({
              at: Date.now(),
              asOf: Date.parse(u.asOf),
              waiting: u.values['queue.waiting'],
              marks: Object.fromEntries(Object.values(MARKS).map((m) => [m, u.departments[m]?.['queue.waiting']])),
            });
          s.on('update', record);
          // A push that brings a department the wall has not seen (the marker's first ticket) is a
          // whole snapshot; it carries the batch as an update would.
          s.once('snapshot', (snap) => {
            s.on('snapshot', record);
            resolve({ s, seen, waiting: snap.values['queue.waiting'] ?? 0 });
          });
          s.on('connect_error', (err) => reject(new Error(`client connect error: ${err.message}`)));
        }),
    ),
  );
}

/**
 * Walls that receive every push as the others do but never decode it: socket.io's own protocol
 * over a bare WebSocket, answering pings. 500 walls decode their pushes on 500 machines; decoding
 * them all in this one process would queue each sampled client behind the others' JSON.
 */
function rawClients(url, token, count) {
  const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(wsUrl);
          ws.on('error', reject);
          ws.on('message', (data) => {
            const text = data.toString();
            if (text === '2') return ws.send('3');
            if (text.startsWith('0{')) return ws.send(`40/live,${JSON.stringify({ site: 'huiji', token })}`);
            if (text.startsWith('42/live,["snapshot"')) resolve({ s: { close: () => ws.close() }, seen: [] });
            if (text.startsWith('44/live')) reject(new Error(`raw client refused: ${text}`));
          });
        }),
    ),
  );
}

const markerTicket = (marker, k) => ({
  id: `${marker}-${k}`,
  type: 'ticket.issued',
  occurredAt: new Date().toISOString(),
  data: { ticket: `${marker}-${k}`, department: marker, channel: 'walk_in' },
});

/**
 * Posts `rate` events a second for `seconds` in a batch every `everyMs`, never more than 8 in
 * flight; each batch also issues one ticket at the marker department. Returns the moments the
 * batches were answered, in the order the answers came (the order they committed in).
 */
async function steady(url, key, stream, rate, seconds, everyMs = 50, marker = null) {
  const batch = Math.max(1, Math.round((rate * everyMs) / 1000));
  const accepted = [];
  const inFlight = new Set();
  if (marker) {
    // The marker department's first ticket makes it new to the walls, which then get a whole
    // snapshot: that happens once, before the measured batches.
    await post(url, key, [markerTicket(marker, 'first')]);
    await new Promise((r) => setTimeout(r, 500));
  }
  const start = Date.now();
  for (let k = 0; Date.now() < start + seconds * 1000; k++) {
    const due = start + k * everyMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    if (inFlight.size >= 8) await Promise.race(inFlight);
    const events = stream.take(batch);
    if (marker) events.push(markerTicket(marker, k));
    const p = post(url, key, events).then(() => accepted.push(Date.now()));
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return { accepted, events: accepted.length * batch, rate: (accepted.length * batch) / ((Date.now() - start) / 1000) };
}

/**
 * For each sampled client and each answered batch: from the answer to the first update whose
 * marker count includes the batch (the r-th answer is in every update counting r + 1 or more,
 * the marker's first ticket having come before). A
 * push can beat its own HTTP answer; that counts as 0.
 */
function latencies(clients, accepted, marker) {
  const lat = [];
  for (const { seen } of clients)
    accepted.forEach((a, i) => {
      // The marker's first ticket came before the measured batches.
      const first = seen.find((u) => typeof u.marks[marker] === 'number' && u.marks[marker] >= i + 2);
      if (first) lat.push(Math.max(0, first.at - a));
    });
  return lat.sort((x, y) => x - y);
}

/** Where today's live events start, and how much their waits must shrink to lie in the past. */
function todayInHall() {
  const now = Date.now();
  const midnight = Date.parse(`${new Date(now + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
  const from = Math.max(midnight + 1000, now - 3600_000);
  return { from, scale: Math.min(1, (now - from) / 3600_000) };
}

async function latency(url, key, token, depts) {
  const { from, scale } = todayInHall();
  const quietStream = hallStream('Q', depts, from, 100, scale);
  // A batch's own answer, before any wall watches: the baseline for what reading the snapshot
  // inside the batch's transaction adds to it once walls watch.
  const answer = async () => {
    const t0 = Date.now();
    await post(url, key, quietStream.take(5));
    return Date.now() - t0;
  };
  const unwatched = [];
  for (let i = 0; i < 20; i++) {
    unwatched.push(await answer());
    await new Promise((r) => setTimeout(r, 300));
  }
  // Sampled and silent clients connect interleaved, so that the sampled ones are spread over
  // the order a push reaches the room's sockets in, not first in it.
  const clients = [];
  const silent = [];
  const every = Math.max(1, Math.round(CLIENTS / SAMPLED));
  for (let i = 0; i < CLIENTS; i += every) {
    if (clients.length < SAMPLED) clients.push(...(await connectClients(url, token, 1)));
    silent.push(...(await rawClients(url, token, Math.min(every - 1, CLIENTS - i - 1))));
  }
  // Let the connection storm (a snapshot to each of the clients) pass: the figures are the steady state's.
  await new Promise((r) => setTimeout(r, 2000));
  // Quiet hall: one batch every 600 ms, well within the update budget, so nothing is held back.
  // Each quiet batch issues five tickets, so the update that carries it is the one whose waiting
  // count reaches five more: matched by content, since its push can beat the HTTP answer (0 ms).
  const quiet = [];
  const watched = [];
  for (let i = 1; i <= 20; i++) {
    watched.push(await answer());
    const accepted = Date.now();
    await new Promise((r) => setTimeout(r, 600));
    for (const c of clients) {
      const first = c.seen.find((u) => typeof u.waiting === 'number' && u.waiting >= c.waiting + 5 * i);
      if (first) quiet.push(Math.max(0, first.at - accepted));
    }
  }
  quiet.sort((x, y) => x - y);
  // Loaded: the same 1,000 events a second, sent by the hall's systems in 4 batches a second
  // (within the budget of UPDATES_PER_SECOND), then in 20 (beyond it, so updates are coalesced).
  const loaded = {};
  let k = 0;
  for (const [shape, everyMs] of [
    ['slow', 250],
    ['fast', 50],
  ]) {
    clients.forEach((c) => (c.seen.length = 0));
    const busy = await steady(url, key, hallStream(`L${k++}`, depts, from, 20, scale), RATE, SECONDS, everyMs, MARKS[shape]);
    await new Promise((r) => setTimeout(r, 1500));
    const perClient = clients.map((c) => c.seen.length / SECONDS).sort((a, b) => a - b);
    loaded[shape] = { lat: latencies(clients, busy.accepted, MARKS[shape]), rate: busy.rate, updatesPerClient: percentile(perClient, 50) };
    // Let the hall settle between shapes.
    await new Promise((r) => setTimeout(r, 2000));
  }
  [...clients, ...silent].forEach(({ s }) => s.close());
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  return { quiet, loaded, answers: { unwatched: sorted(unwatched), watched: sorted(watched) } };
}

/**
 * What the trend rollups cost each event in the long run. A flush re-derives the whole day, and
 * after a flush of d ms the next waits 50·d (ROLLUP_FLUSH_SPACING), at least one interval: whether
 * a 10-second window happens to hold a flush says nothing, so the bench times one flush of the
 * day itself (the rebuild of that site-day is exactly the flush's work) and spreads its CPU over
 * the events of one spacing at 1,000 a second.
 */
async function rollupShare(ctx, day) {
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(join(ROOT, 'server/dist/core/database/data-source.js'));
  const ds = new DataSource({ ...dataSourceOptions(ctx.db.url), extra: { max: 1 } });
  await ds.initialize();
  try {
    const [{ id }] = await ds.query(`SELECT id FROM sites WHERE code = 'huiji'`);
    const [{ pid }] = await ds.query('SELECT pg_backend_pid() AS pid');
    const before = cpuSeconds(pid);
    const t0 = Date.now();
    await new RollupService(ds).rebuild([id], day, day);
    const flushMs = Date.now() - t0;
    const cpu = cpuSeconds(pid) - before;
    // At 1,000 events a second, one event arrives per millisecond until the next flush.
    const eventsBetween = Math.max(ROLLUP_FLUSH_EVERY_MS, (ROLLUP_FLUSH_SPACING + 1) * flushMs);
    return { flushMs, us: (cpu / eventsBetween) * 1e6 };
  } finally {
    await ds.destroy();
  }
}

/** Posts the day's next events until it holds `stored`, with a wall watching. */
async function fillTo(server, ctx, stream, stored) {
  if (!server.wall) [server.wall] = await connectClients(server.url, ctx.token, 1);
  while (server.filled < stored) {
    const n = Math.min(1000, stored - server.filled);
    await post(server.url, ctx.key, stream.take(n));
    server.filled += n;
  }
}

/**
 * Fills the day to `stored` events with a wall watching throughout (a hall's wall never stops
 * watching, so the push path is as warm for the small day as for the large), then posts the next
 * 10,000 at 1,000 a second and returns the CPU spent on them per event.
 */
async function cpuPerEvent(server, ctx, stream, stored) {
  await fillTo(server, ctx, stream, stored);
  // A bulk fill outruns table upkeep, which in a hall keeps pace with the day (every 20 s, by
  // autovacuum's thresholds): its debt is paid here, and upkeep is held off while measuring, so
  // neither window is charged a vacuum that the other escapes. Those thresholds grow with the
  // table, so upkeep's share per event does not grow with the day. Rollup flushes are held off
  // too, and counted at their steady rate instead (rollupShare).
  const c = new Client({ connectionString: ctx.db.url });
  await c.connect();
  await c.query('VACUUM (ANALYZE)');
  await c.query(`SELECT pg_advisory_lock(${UPKEEP_LOCK_KEY})`);
  await c.query('SELECT pg_advisory_lock($1)', [ROLLUP_LOCK]);
  let measured;
  try {
    // The snapshot the wall gets, read the way every push reads it: from the aggregates.
    const snapshotMs = [];
    for (let i = 0; i < 30; i++) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${server.url}/api/v1/sites/huiji/indicators`, {
        headers: ctx.token ? { authorization: `Bearer ${ctx.token}` } : {},
      });
      if (res.status !== 200) throw new Error(`indicators answered ${res.status}`);
      await res.arrayBuffer();
      snapshotMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    snapshotMs.sort((x, y) => x - y);
    const before = await cpuOf(server, ctx.dbName);
    const { events } = await steady(server.url, ctx.key, stream, 1000, MEASURED / 1000);
    const after = await cpuOf(server, ctx.dbName);
    server.filled += events;
    const us = (s) => (s / events) * 1e6;
    measured = {
      server: us(after.server - before.server),
      db: us(after.backends - before.backends),
      snapshot: { p50: percentile(snapshotMs, 50), p99: percentile(snapshotMs, 99) },
    };
  } finally {
    await c.end();
  }
  return { ...measured, rollups: await rollupShare(ctx, server.day) };
}

async function throughput(urls, key, stream, total) {
  let sent = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 4 }, async (_, c) => {
      while (sent < total) {
        sent += 500;
        await post(urls[c % urls.length], key, stream.take(500));
      }
    }),
  );
  return total / ((Date.now() - t0) / 1000);
}

/** Yesterday in the hall (UTC+8) at 08:00, as epoch ms, and the instant the CPU server's clock stops at. */
function yesterdayInHall() {
  const day = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
  return { opens: Date.parse(`${day}T08:00:00+08:00`), clock: `${day}T23:30:00+08:00` };
}

const pp = (xs) => `${percentile(xs, 50)}–${percentile(xs, 99)}`;

function latencyRows(l) {
  const row = (label, lat) => `| ${label} | ${lat.length ? `${percentile(lat, 50)} / ${percentile(lat, 99)}` : '–'} ms |`;
  const { slow, fast } = l.loaded;
  return `| accepted → \`update\`, p50 / p99 | figure | target |
|---|---|---|
${row(`quiet hall: 5 events every 600 ms (${l.quiet.length} samples)`, l.quiet)} |
${row(`loaded: ${Math.round(slow.rate)} events/s in 4 batches a second, within the update budget (${slow.lat.length} samples)`, slow.lat)} ≤ 20 / ≤ 100 ms |
${row(`loaded: ${Math.round(fast.rate)} events/s in 20 batches a second, beyond the budget (${fast.lat.length} samples)`, fast.lat)} none: coalesced by the budget |
| updates per client per second, loaded (median client): 4 / 20 batches a second | ${slow.updatesPerClient.toFixed(1)} / ${fast.updatesPerClient.toFixed(1)} | ≤ ${UPDATES_PER_SECOND} + burst ${UPDATE_BURST} |
| a quiet batch posted → answered, p50 / p99: no wall watching / ${CLIENTS} walls watching | ${pp(l.answers.unwatched)} / ${pp(l.answers.watched)} ms | |`;
}

const LATENCY_NOTE = `${CLIENTS} clients are connected to the hall; latency is read at ${SAMPLED} of them (socket.io
clients), while the other ${CLIENTS - SAMPLED} receive every push as raw WebSockets and drop it, so that
this one process does not decode ${CLIENTS} copies of each push in a row. "Accepted" is the moment the
HTTP answer arrives; a push that beats its answer counts as 0 ms. Each quiet batch is matched to the
update whose waiting count first includes it; each loaded batch issues one ticket at a marker
department, and is matched to the first update counting as many marker tickets as batches had been
answered with it. An update is pushed at once while the site has pushed fewer than
${UPDATES_PER_SECOND} a second (burst ${UPDATE_BURST}); beyond that, changes wait for the budget and share one update.
Within the budget the snapshot is read inside the batch's own transaction and pushed as it commits,
so the push and the answer leave together; the price is in the batch's answer, shown against the
same batches posted before any wall watched.`;

async function run() {
  const ctx = await prepare();
  const prefix = `hwbench-${randomBytes(3).toString('hex')}`;
  const port = () => 3800 + Math.floor(Math.random() * 150);
  // BENCH_LIVE_ONLY=latency or =cpu: one part alone, for working on it.
  const only = process.env.BENCH_LIVE_ONLY;
  let l;
  let one;
  let two;
  if (only !== 'cpu') {
    const a = await startServer(ctx.db.url, port(), { REDIS_PREFIX: prefix });
    try {
      l = await latency(a.url, ctx.key, ctx.token, ctx.depts);
      if (only !== 'latency') {
        const { from, scale } = todayInHall();
        one = await throughput([a.url], ctx.key, hallStream('T', ctx.depts, from, 5, scale), 20_000);
        const b = await startServer(ctx.db.url, port(), { REDIS_PREFIX: prefix });
        two = await throughput([a.url, b.url], ctx.key, hallStream('U', ctx.depts, from, 5, scale), 20_000);
        await b.stop();
      }
    } catch (err) {
      await ctx.db.drop();
      throw err;
    } finally {
      await a.stop();
    }
  }
  if (only === 'latency') {
    await ctx.db.drop();
    return `${latencyRows(l)}\n\n${LATENCY_NOTE}\n`;
  }
  let cpu;
  // The CPU day is yesterday's, on a server whose clock stands at its evening, so that a million
  // events fit between opening and now whatever the hour the bench runs at.
  const y = yesterdayInHall();
  const stepMs = Math.floor((14 * 3600_000) / ((LARGE + 2 * MEASURED) / 5));
  const cpuServer = async (filled) => {
    const s = await startServer(ctx.db.url, port(), { REDIS_PREFIX: `${prefix}c`, FIXED_CLOCK: y.clock });
    Object.assign(s, { filled, day: y.clock.slice(0, 10) });
    return s;
  };
  // Each day is measured on a process of its own that has taken the same warm-up: V8 keeps
  // compiling a server's hot paths for tens of thousands of events, and a process that filled the
  // large day first would be measured further along that curve than the one that measured the
  // small day — a saving that has nothing to do with the day's size. The warm-up is 30,000 events
  // of the day before, with the wall watching.
  const warm = async (server, prefix) => {
    [server.wall] = await connectClients(server.url, ctx.token, 1);
    const warmUp = hallStream(prefix, ctx.depts, y.opens - 86_400_000, stepMs);
    for (let n = 0; n < WARM_UP; n += 1000) await post(server.url, ctx.key, warmUp.take(1000));
  };
  const servers = [];
  try {
    const stream = hallStream('D', ctx.depts, y.opens, stepMs);
    const first = await cpuServer(0);
    servers.push(first);
    await warm(first, 'W');
    const small = await cpuPerEvent(first, ctx, stream, SMALL);
    await fillTo(first, ctx, stream, LARGE);
    first.wall.s.close();
    await first.stop();
    const second = await cpuServer(first.filled);
    servers.push(second);
    await warm(second, 'V');
    const large = await cpuPerEvent(second, ctx, stream, LARGE);
    cpu = { small, large };
  } finally {
    for (const s of servers) {
      s.wall?.s.close();
      await s.stop();
    }
    await ctx.db.drop();
  }
  const total = (x) => x.server + x.db + x.rollups.us;
  const ms = (x) => x.toFixed(1);
  const cpuRow = (x) =>
    `${x.server.toFixed(0)} + ${x.db.toFixed(0)} + ${x.rollups.us.toFixed(0)} = ${total(x).toFixed(0)} µs (one rollup flush: ${x.rollups.flushMs} ms)`;
  const throughputRows =
    only === 'cpu'
      ? ''
      : `| batch throughput, one instance | ${Math.round(one)} events/s | |
| batch throughput, two instances, one database | ${Math.round(two)} events/s (${two >= one ? '+' : ''}${(((two - one) / one) * 100).toFixed(0)}%) | loss ≤ 15% |`;
  return `
${only === 'cpu' ? '' : `${latencyRows(l)}\n\n${LATENCY_NOTE}\n`}
| measure | figure | target |
|---|---|---|
| CPU per event, day holding ${SMALL.toLocaleString('en')} events: server + PostgreSQL + trend rollups | ${cpuRow(cpu.small)} | |
| CPU per event, day holding ${LARGE.toLocaleString('en')} events: server + PostgreSQL + trend rollups | ${cpuRow(cpu.large)} | |
| CPU ratio large ÷ small (all three) | ${(total(cpu.large) / total(cpu.small)).toFixed(2)} | ≤ 1.2 |
| CPU ratio large ÷ small: server alone / PostgreSQL alone | ${(cpu.large.server / cpu.small.server).toFixed(2)} / ${(cpu.large.db / cpu.small.db).toFixed(2)} | |
| snapshot (\`GET …/indicators\`), day holding ${SMALL.toLocaleString('en')}: p50 / p99 | ${ms(cpu.small.snapshot.p50)} / ${ms(cpu.small.snapshot.p99)} ms | |
| snapshot, day holding ${LARGE.toLocaleString('en')}: p50 / p99 | ${ms(cpu.large.snapshot.p50)} / ${ms(cpu.large.snapshot.p99)} ms | |
${throughputRows}

Each day is measured on a fresh server process that first takes ${WARM_UP.toLocaleString('en')} events of the day before, so
that neither window is measured on a cold process, nor one further along V8's compilation than the other. Events are a hall's: each ticket issued, then ${300} tickets later called, started, completed and
rated, so a queue stands all day. CPU is measured over ${MEASURED.toLocaleString('en')} events posted at
1,000/s with one wall connected, for the server process and for the PostgreSQL backends of the bench
database (trigger-maintained aggregates included). Before each window the bench vacuums and analyses
the day it has just bulk-loaded, and holds table upkeep off during it: a hall's upkeep keeps pace
with its day, and a vacuum owed by the bulk load landing in one window and not the other would
measure the load, not the day's size. Rollup flushes are held off in the windows as well: a flush
re-derives the day's trends and is spaced by the throttle (50 times its own duration), so a
window holds one or none by chance. They are counted at their steady rate: the bench times one
flush of the day and spreads its CPU over the events that arrive, at 1,000/s, until the next may
run. Both instances, PostgreSQL and the bench's clients
share this machine's cores.
`;
}

module.exports = { run, prepare, hallStream, cpuPerEvent, yesterdayInHall, MEASURED };
