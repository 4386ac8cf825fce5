// Live push: event accepted → `update` received at 1,000 events/s with 500 socket clients;
// CPU per event with a small and a large day already stored; two instances against one.
const { io } = require('socket.io-client');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { createBenchDatabase, startServer, percentile, ROOT } = require('./bench-env');

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS || 500);
const RATE = Number(process.env.BENCH_LIVE_RATE || 1000);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS || 10);
const SMALL = Number(process.env.BENCH_DAY_SMALL || 10_000);
const LARGE = Number(process.env.BENCH_DAY_LARGE || 1_000_000);

let seq = 0;
const issued = (prefix, n, depts) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${seq++}`,
    type: 'ticket.issued',
    occurredAt: new Date(Date.now() - 1000).toISOString(),
    data: { ticket: `${prefix}${seq}x${i}`, department: depts[(seq + i) % depts.length], channel: 'walk_in' },
  }));

async function post(url, key, events) {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ events }),
  });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
  await res.arrayBuffer();
}

/** utime + stime of a process in seconds, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function prepare() {
  const db = await createBenchDatabase();
  const { createDataSource } = require(join(ROOT, 'server/dist/core/database/data-source.js'));
  const { seedDemo } = require(join(ROOT, 'server/dist/modules/demo/seed-demo.js'));
  const { DeviceKeysService } = require(join(ROOT, 'server/dist/modules/device-keys/device-keys.service.js'));
  const ds = createDataSource(db.url);
  await ds.initialize();
  await ds.runMigrations();
  await seedDemo(ds);
  const key = (await new DeviceKeysService(ds).create('huiji', 'bench')).key;
  const depts = (await ds.query(`SELECT d.code FROM departments d JOIN sites s ON s.id = d.site_id WHERE s.code = 'huiji'`)).map(
    (r) => r.code,
  );
  await ds.destroy();
  return { db, key, depts };
}

async function latency(url, key, depts) {
  const clients = await Promise.all(
    Array.from(
      { length: CLIENTS },
      () =>
        new Promise((resolve) => {
          const s = io(`${url}/live`, { auth: { site: 'huiji' }, transports: ['websocket'] });
          const seen = [];
          s.on('update', (u) => seen.push({ at: Date.now(), asOf: Date.parse(u.asOf) }));
          s.once('snapshot', () => resolve({ s, seen }));
          s.on('connect_error', (err) => console.error(`client connect error: ${err.message}`));
        }),
    ),
  );
  const batch = Math.max(1, Math.round(RATE / 20));
  const accepted = [];
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    const tick = Date.now();
    await post(url, key, issued('L', batch, depts));
    accepted.push(Date.now());
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - tick))));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const lat = [];
  for (const { seen } of clients)
    for (const a of accepted) {
      const first = seen.find((u) => u.asOf >= a - 2);
      if (first) lat.push(first.at - a);
    }
  clients.forEach(({ s }) => s.close());
  lat.sort((x, y) => x - y);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), samples: lat.length, rate: (accepted.length * batch) / SECONDS };
}

async function cpuPerEvent(server, key, depts, stored) {
  // Fill the day to `stored` events, then measure the server's CPU for the next 10,000.
  let have = Number(server.filled || 0);
  while (have < stored) {
    const n = Math.min(1000, stored - have);
    await post(server.url, key, issued('F', n, depts));
    have += n;
  }
  server.filled = have;
  const before = cpuSeconds(server.proc.pid);
  for (let i = 0; i < 10; i++) await post(server.url, key, issued('C', 1000, depts));
  return ((cpuSeconds(server.proc.pid) - before) / 10_000) * 1e6; // µs per event
}

async function throughput(urls, key, depts, total) {
  let sent = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 4 }, async (_, c) => {
      while (sent < total) {
        sent += 500;
        await post(urls[c % urls.length], key, issued('T', 500, depts));
      }
    }),
  );
  return total / ((Date.now() - t0) / 1000);
}

async function run() {
  const { db, key, depts } = await prepare();
  const prefix = `hwbench-${randomBytes(3).toString('hex')}`;
  const a = await startServer(db.url, 3800 + Math.floor(Math.random() * 50), { REDIS_PREFIX: prefix });
  try {
    const l = await latency(a.url, key, depts);
    const cpuSmall = await cpuPerEvent(a, key, depts, SMALL);
    const cpuLarge = await cpuPerEvent(a, key, depts, LARGE);
    const one = await throughput([a.url], key, depts, 20_000);
    const b = await startServer(db.url, 3850 + Math.floor(Math.random() * 50), { REDIS_PREFIX: prefix });
    const two = await throughput([a.url, b.url], key, depts, 20_000);
    await b.stop();
    return `
| measure | figure | target |
|---|---|---|
| accepted → \`update\`, p50 (${CLIENTS} clients, ${Math.round(l.rate)} events/s, ${l.samples} samples) | ${l.p50} ms | ≤ 20 ms |
| accepted → \`update\`, p99 | ${l.p99} ms | ≤ 100 ms |
| server CPU per event, day holding ${SMALL.toLocaleString('en')} events | ${cpuSmall.toFixed(0)} µs | |
| server CPU per event, day holding ${LARGE.toLocaleString('en')} events | ${cpuLarge.toFixed(0)} µs | ratio ≤ 1.2 |
| CPU ratio large ÷ small | ${(cpuLarge / cpuSmall).toFixed(2)} | ≤ 1.2 |
| batch throughput, one instance | ${Math.round(one)} events/s | |
| batch throughput, two instances, one database | ${Math.round(two)} events/s | loss ≤ 15% |

Updates are coalesced to at most one per 250 ms per site and instance, so an event waits on average
half that window before its update is computed; the snapshot itself is recomputed from indexed
projections. Both instances and PostgreSQL share this machine's cores.
`;
  } finally {
    await a.stop();
    await db.drop();
  }
}

module.exports = { run };
