// A city on one server: N sites (district halls, town centres, village stations) posting through
// the public ingest API with their own device keys at their real rates (the halls at their peak
// hour), one /live wall per site and 20 district overviews, on this machine with PostgreSQL and
// Redis. Measures how far each wall and each overview is behind the site's last accepted batch,
// and what the server and PostgreSQL spend. `npm run bench -- sites`; BENCH_SITES=100,1000
// (the default) picks the sizes, BENCH_SITES_SECONDS the measured span of each.
const { execFileSync } = require('node:child_process');
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');
const { io } = require('socket.io-client');
const { Client } = require('pg');
const { createBenchDatabase, startServer, percentile, ROOT } = require('./bench-env');

const SIZES = (process.env.BENCH_SITES || '100,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SITES_SECONDS || 120);
// A phase that takes longer than this fails the run rather than holding the bench past its 15 minutes.
const CONNECT_TIMEOUT_MS = 180_000;
const OVERVIEWS = 20;
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
// Tickets an hour: a district hall at its peak (about 4,200 a day), a town centre's and a village
// station's ordinary day (a few hundred, a few dozen) over eight open hours.
const PER_HOUR = { hall: 720, town: 38, village: 5 };
// How often each kind of site's systems post what happened since their last post.
const POST_EVERY_MS = { hall: 1000, town: 3000, village: 5000 };
const PAST_MS = 90 * 60_000;
const dist = (p) => require(join(ROOT, 'server/dist', p));

/** Seeds the district(s): at ~100 the demo district itself; at 1,000, ten halls of 9 towns × 10 villages. */
async function seed(dbUrl, size) {
  const { createDataSource, longRunning } = dist('core/database/data-source.js');
  const { seedDemo, demoStaff, DEMO_HOURS, DEMO_LUNCH_BREAK } = dist('modules/demo/seed-demo.js');
  const { ensureDemoTiers, seedTierSite } = dist('modules/demo/seed-tiers.js');
  const { DEMO_DEPARTMENTS, demoWindows } = dist('modules/demo/demo-hall.js');
  const { tierLayout } = dist('modules/demo/tier-layout.js');
  const { Site } = dist('modules/registry/site.entity.js');
  const { Department } = dist('modules/registry/department.entity.js');
  const { HallWindow } = dist('modules/registry/hall-window.entity.js');
  const { StaffMember } = dist('modules/registry/staff-member.entity.js');
  const { DeviceKeysService } = dist('modules/accounts/device-keys/device-keys.service.js');
  const { DisplayTokensService } = dist('modules/accounts/display-tokens.service.js');
  const { CredentialEvents } = dist('modules/accounts/credential-events.js');
  const { Clock } = dist('core/time/clock.js');
  const ds = createDataSource(dbUrl, longRunning());
  await ds.initialize();
  await ds.runMigrations();
  const hallDesks = demoStaff()
    .filter((s) => s.window)
    .map((s) => ({ window: s.window, staff: s.code, department: s.department }));
  if (size < 500) {
    await seedDemo(ds);
    await ensureDemoTiers(ds);
  } else {
    const settings = { hours: DEMO_HOURS, lunchBreak: DEMO_LUNCH_BREAK };
    for (let h = 1; h <= size / 100; h++)
      await ds.transaction(async (em) => {
        const hall = await em.save(
          Site,
          em.create(Site, { code: `h${h}`, name: `第${h}区政务服务大厅`, tier: 'hall', nameEn: null, parentId: null, settings }),
        );
        const siteId = hall.id;
        await em.insert(
          Department,
          DEMO_DEPARTMENTS.map((d) => ({ siteId, code: d.code, name: d.name, nameEn: d.nameEn, waitTargetSec: null })),
        );
        await em.insert(
          HallWindow,
          demoWindows().map((w) => ({
            siteId,
            code: w.code,
            number: w.number,
            departmentCode: w.department,
            kind: w.kind,
            isOpen: w.isOpen,
          })),
        );
        await em.insert(
          StaffMember,
          demoStaff().map((s) => ({ siteId, code: s.code, name: s.name, departmentCode: s.department, onRoster: true })),
        );
        for (let t = 1; t <= 9; t++) {
          const town = await em.save(
            Site,
            em.create(Site, { code: `h${h}-t${t}`, name: `第${h}区第${t}街道便民服务中心`, tier: 'town', nameEn: null, parentId: hall.id }),
          );
          await seedTierSite(em, town);
          for (let v = 1; v <= 10; v++) {
            const village = await em.save(
              Site,
              em.create(Site, {
                code: `h${h}-t${t}-v${v}`,
                name: `第${h}区第${t}街道第${v}村便民服务站`,
                tier: 'village',
                nameEn: null,
                parentId: town.id,
              }),
            );
            await seedTierSite(em, village);
          }
        }
      });
  }
  const rows = await ds.query(`SELECT s.code, s.tier, p.code AS parent, g.code AS grand FROM sites s
    LEFT JOIN sites p ON p.id = s.parent_id LEFT JOIN sites g ON g.id = p.parent_id ORDER BY s.code`);
  const keys = new DeviceKeysService(ds);
  const tokens = new DisplayTokensService(ds, new Clock(), new CredentialEvents());
  const sites = [];
  for (const r of rows) {
    const district = r.tier === 'hall' ? r.code : r.tier === 'town' ? r.parent : r.grand;
    const desks =
      r.tier === 'hall'
        ? hallDesks
        : tierLayout(r.code, r.tier)
            .staff.filter((s) => s.window)
            .map((s) => ({ window: s.window, staff: s.code, department: s.department }));
    sites.push({
      code: r.code,
      tier: r.tier,
      district,
      desks,
      key: (await keys.create(r.code, 'bench')).key,
      token: (await tokens.create(r.code, 'bench wall', 'bench')).token,
    });
  }
  await ds.destroy();
  return sites;
}

/**
 * One site's day as its devices see it: tickets arrive at the site's rate, each window calls the
 * next of its department's queue a little after its last ticket ends, serves it for 2–6 minutes,
 * and most citizens rate. What the site has issued and served so far is what its wall must show.
 */
class SiteSim {
  constructor(site, seed) {
    Object.assign(this, site);
    this.rate = PER_HOUR[site.tier] / 3600;
    this.rnd = mulberry(seed);
    this.queues = new Map();
    this.desks = site.desks.map((d) => ({ ...d, ticket: null, endAt: 0, nextCallAt: 0 }));
    this.depts = [...new Set(site.desks.map((d) => d.department))];
    this.t = 0;
    this.n = 0;
    this.issued = 0;
    this.served = 0;
    this.out = [];
    this.nextPostAt = 0;
    this.busy = false;
  }

  event(type, data, at) {
    this.out.push({ id: `${this.code}-${this.n++}`, type, occurredAt: new Date(at).toISOString(), data });
  }

  start(at) {
    this.t = at;
    for (const d of this.desks) this.event('staff.signed_in', { staff: d.staff, window: d.window }, at);
  }

  advanceTo(to) {
    for (let t = this.t + 1000; t <= to; t += 1000) {
      this.t = t;
      if (this.rnd() < this.rate) {
        const department = this.depts[Math.floor(this.rnd() * this.depts.length)];
        const ticket = `T${this.n}`;
        this.event('ticket.issued', { ticket, department, channel: 'walk_in' }, t);
        this.issued++;
        const q = this.queues.get(department) ?? [];
        q.push(ticket);
        this.queues.set(department, q);
      }
      for (const d of this.desks) {
        if (d.ticket && t >= d.endAt) {
          this.event('ticket.completed', { ticket: d.ticket, window: d.window, staff: d.staff, outcome: 'done' }, t);
          this.served++;
          if (this.rnd() < 0.7)
            this.event(
              'review.submitted',
              { rating: this.rnd() < 0.05 ? 2 : 5, channel: 'pad', department: d.department, ticket: d.ticket },
              t,
            );
          d.ticket = null;
          d.nextCallAt = t + 15_000;
        }
        const q = this.queues.get(d.department);
        if (!d.ticket && t >= d.nextCallAt && q?.length) {
          d.ticket = q.shift();
          d.endAt = t + 120_000 + Math.floor(this.rnd() * 240_000);
          this.event('ticket.called', { ticket: d.ticket, window: d.window }, t);
        }
      }
    }
  }

  take() {
    const out = this.out;
    this.out = [];
    return out;
  }
}

function mulberry(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

async function inParallel(items, n, run) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

/** One wall: merges snapshot and updates, and settles each batch of its site once its figures show it. */
function wall(url, sim) {
  return new Promise((resolve, reject) => {
    const s = io(`${url}/live`, { auth: { site: sim.code, token: sim.token }, transports: ['websocket'], reconnection: false });
    const w = { s, values: {}, pending: [], lags: [], messages: 0 };
    const late = setTimeout(() => reject(new Error(`wall ${sim.code}: no snapshot in ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    s.on('disconnect', () => (s.close(), reject(new Error(`wall ${sim.code}: disconnected`))));
    const settle = () => {
      const v = w.values;
      const shown = (v['queue.waiting'] ?? 0) + (v['windows.serving'] ?? 0) + (v['queue.served'] ?? 0);
      while (w.pending.length && shown >= w.pending[0].issued && (v['queue.served'] ?? 0) >= w.pending[0].served) {
        const b = w.pending.shift();
        // A push can beat its own HTTP answer: that counts as 0.
        if (b.acceptedAt === null) b.shownEarly = true;
        else w.lags.push(Math.max(0, Date.now() - b.acceptedAt));
      }
    };
    s.once('snapshot', () => (clearTimeout(late), resolve(w)));
    s.on('snapshot', (snap) => {
      w.messages++;
      w.values = { ...snap.values };
      settle();
    });
    s.on('update', (u) => {
      w.messages++;
      Object.assign(w.values, u.values);
      settle();
    });
    s.on('connect_error', (err) => reject(new Error(`wall ${sim.code}: ${err.message}`)));
  });
}

/** One district overview: one subscription for the district; settles each member's batch once its line shows the batch's last event. */
function overview(url, district) {
  return new Promise((resolve, reject) => {
    const s = io(`${url}/live`, {
      auth: { site: district, token: ADMIN_TOKEN, scope: 'district' },
      transports: ['websocket'],
      reconnection: false,
    });
    const o = { s, district, last: new Map(), pending: new Map(), lags: [], messages: 0 };
    const late = setTimeout(() => reject(new Error(`overview ${district}: not complete in ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    s.on('disconnect', () => (s.close(), reject(new Error(`overview ${district}: disconnected`))));
    s.on('district', (m) => {
      o.messages++;
      for (const line of m.sites) {
        const at = line.lastEventAt ? Date.parse(line.lastEventAt) : 0;
        o.last.set(line.site, at);
        const list = o.pending.get(line.site);
        while (list?.length && at >= list[0].lastAt) {
          const b = list.shift();
          if (b.acceptedAt === null) b.shownEarly = true;
          else o.lags.push(Math.max(0, Date.now() - b.acceptedAt));
        }
      }
      if (m.complete) {
        clearTimeout(late);
        resolve(o);
      }
    });
    s.on('connect_error', (err) => reject(new Error(`overview ${district}: ${err.message}`)));
  });
}

/** As a wall does: a connection the server dropped before its first message is opened again, a few times. */
async function again(open, tries = 4) {
  for (let i = 1; ; i++)
    try {
      return await open();
    } catch (err) {
      if (i >= tries) throw err;
      console.error(`${err.message}; connecting again`);
      await new Promise((r) => setTimeout(r, 2000));
    }
}

/**
 * What the server says of itself at the end of the measured span (its /metrics, from loopback):
 * how long its event loop was held, and how its live snapshot reads went. Printed whole, and the
 * event-loop figures enter the table: a lag the database does not explain is the loop's.
 */
async function serverFigures(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const pick = (name) => {
    const m = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm'));
    return m ? Number(m[1]) : undefined;
  };
  const lines = text
    .split('\n')
    .filter((l) =>
      /^hallwatch_(live_(read|push_lag)_seconds_(sum|count)|live_read_queue|nodejs_eventloop_lag_(p99|max)_seconds|nodejs_heap_size_(used|total)_bytes|nodejs_external_memory_bytes)/.test(
        l,
      ),
    );
  console.log(lines.join('\n'));
  return {
    loopP99: pick('hallwatch_nodejs_eventloop_lag_p99_seconds'),
    loopMax: pick('hallwatch_nodejs_eventloop_lag_max_seconds'),
    heap: pick('hallwatch_nodejs_heap_size_used_bytes'),
    reads: pick('hallwatch_live_read_seconds_count'),
    readSeconds: pick('hallwatch_live_read_seconds_sum'),
  };
}

/** utime + stime in clock ticks, and RSS in bytes, of a process; null once it has gone. */
function procStat(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ticks: Number(f[11]) + Number(f[12]), rss: Number(f[21]) * 4096 };
  } catch {
    return null;
  }
}
const TICK = 100;

/** Every postgres process on the machine, by pid (other work on the machine included). */
function postgresPids() {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** CPU of the server, of this run's database backends, and of all postgres, sampled while the run lasts. */
function cpuMeter(serverPid, dbUrl) {
  const db = new Client({ connectionString: dbUrl });
  const base = new Map();
  const lastSeen = new Map();
  let rssMax = 0;
  let own = new Set();
  const sample = async () => {
    const ours = (await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows;
    own = new Set([...own, ...ours.map((r) => r.pid)]);
    for (const pid of [serverPid, ...postgresPids()]) {
      const st = procStat(pid);
      if (!st) continue;
      if (!base.has(pid)) base.set(pid, st.ticks);
      lastSeen.set(pid, st.ticks);
      if (pid === serverPid) rssMax = Math.max(rssMax, st.rss);
    }
  };
  let timer;
  let t0;
  return {
    async start() {
      await db.connect();
      base.clear();
      await sample();
      // Processes that existed at the start count from there; later ones from their birth.
      for (const [pid, ticks] of lastSeen) base.set(pid, ticks);
      rssMax = 0;
      t0 = Date.now();
      timer = setInterval(() => void sample().catch(() => undefined), 2000);
    },
    async stop() {
      clearInterval(timer);
      await sample();
      await db.end();
      const secs = (Date.now() - t0) / 1000;
      const cores = (pids) => pids.reduce((s, pid) => s + (lastSeen.get(pid) - (base.get(pid) ?? 0)), 0) / TICK / secs;
      const pg = [...lastSeen.keys()].filter((p) => p !== serverPid);
      return { server: cores([serverPid]), pgOwn: cores(pg.filter((p) => own.has(p))), pgAll: cores(pg), rssMax };
    },
  };
}

async function runSize(size) {
  const db = await createBenchDatabase();
  let server;
  const sockets = [];
  try {
    const t0 = Date.now();
    const sites = await seed(db.url, size);
    const seededS = (Date.now() - t0) / 1000;
    server = await startServer(db.url, 3900 + Math.floor(Math.random() * 90), {
      ADMIN_TOKEN,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'error',
    });
    const sims = sites.map((s, i) => new SiteSim(s, 1000 + i));
    // The day so far: the last hour and a half (not before the hall's midnight), sent before the walls open.
    const now = Date.now();
    const midnight = Date.parse(`${new Date(now + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
    const from = Math.floor(Math.max(midnight + 60_000, now - PAST_MS) / 1000) * 1000;
    let pastEvents = 0;
    await inParallel(sims, 6, async (sim) => {
      sim.start(from);
      sim.advanceTo(now);
      const events = sim.take();
      pastEvents += events.length;
      for (let i = 0; i < events.length; i += 1000) await post(server.url, sim.key, events.slice(i, i + 1000));
    });
    const pastS = (Date.now() - now) / 1000;
    const rssPast = procStat(server.proc.pid)?.rss;
    // The walls and overviews connect (a snapshot each); the measured span starts once they have settled.
    const c0 = Date.now();
    const walls = new Map();
    await inParallel(sims, 20, async (sim) => {
      const w = await again(() => wall(server.url, sim));
      walls.set(sim.code, w);
      sockets.push(w.s);
    });
    const districts = [...new Set(sims.map((s) => s.district))];
    // Together, as leaders opening the overview in the morning: one district's first read serves its openers.
    const overviews = await Promise.all(
      Array.from({ length: OVERVIEWS }, async (_, i) => {
        const o = await again(() => overview(server.url, districts[i % districts.length]));
        sockets.push(o.s);
        return o;
      }),
    );
    const connectS = (Date.now() - c0) / 1000;
    const rssConnected = procStat(server.proc.pid)?.rss;
    if (process.env.BENCH_DEBUG)
      console.log(`RSS after the past ${Math.round(rssPast / 2 ** 20)} MB, connected ${Math.round(rssConnected / 2 ** 20)} MB`);
    const byDistrict = new Map(districts.map((d) => [d, overviews.filter((o) => o.district === d)]));
    // Live: every site posts what happened since its last post, at its tier's pace, one post at a time.
    const meter = cpuMeter(server.proc.pid, db.url);
    const state = { posts: 0, events: 0, measuring: false, stop: false, failures: 0 };
    const warmUntil = Date.now() + 15_000;
    for (const sim of sims) sim.nextPostAt = Date.now() + Math.random() * POST_EVERY_MS[sim.tier];
    const loop = async () => {
      while (!state.stop) {
        const t = Date.now();
        if (!state.measuring && t >= warmUntil) {
          state.measuring = true;
          for (const w of walls.values()) w.lags.length = 0;
          for (const o of overviews) o.lags.length = 0;
          await meter.start();
          // The server's event-loop histogram restarts at each scrape: this one starts the measured span.
          await fetch(`${server.url}/metrics`).then((r) => r.text());
        }
        for (const sim of sims) {
          if (sim.busy || t < sim.nextPostAt) continue;
          sim.nextPostAt = t + POST_EVERY_MS[sim.tier];
          sim.advanceTo(t);
          const events = sim.take();
          if (!events.length) continue;
          sim.busy = true;
          const w = walls.get(sim.code);
          const counted = events.some((e) => e.type === 'ticket.issued' || e.type === 'ticket.completed');
          const batch = { issued: sim.issued, served: sim.served, acceptedAt: null, shownEarly: false };
          if (counted) w.pending.push(batch);
          const lastAt = Date.parse(events[events.length - 1].occurredAt);
          const marks = (byDistrict.get(sim.district) ?? []).map((o) => {
            const b = { lastAt, acceptedAt: null, shownEarly: false };
            const list = o.pending.get(sim.code) ?? [];
            list.push(b);
            o.pending.set(sim.code, list);
            return { o, b };
          });
          post(server.url, sim.key, events)
            .then(() => {
              const at = Date.now();
              state.posts++;
              state.events += events.length;
              if (!batch.shownEarly) batch.acceptedAt = at;
              else if (state.measuring) w.lags.push(0);
              for (const { o, b } of marks)
                if (!b.shownEarly) b.acceptedAt = at;
                else if (state.measuring) o.lags.push(0);
            })
            .catch((err) => {
              state.failures++;
              if (state.failures <= 3) console.error(`post ${sim.code}: ${err.message}`);
            })
            .finally(() => (sim.busy = false));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const running = loop();
    await new Promise((r) => setTimeout(r, 15_000 + SECONDS * 1000));
    const postsBefore = state.posts;
    const eventsBefore = state.events;
    const cpu = await meter.stop();
    const inside = await serverFigures(server.url);
    state.stop = true;
    await running;
    // What is still owed a push after a grace of 5 s is counted as missed.
    await new Promise((r) => setTimeout(r, 5000));
    const wallLags = [...walls.values()].flatMap((w) => w.lags).sort((a, b) => a - b);
    const districtLags = overviews.flatMap((o) => o.lags).sort((a, b) => a - b);
    const missedWall = [...walls.values()].reduce((s, w) => s + w.pending.filter((b) => b.acceptedAt !== null).length, 0);
    const missedDistrict = overviews.reduce(
      (s, o) => s + [...o.pending.values()].reduce((n, l) => n + l.filter((b) => b.acceptedAt !== null).length, 0),
      0,
    );
    return {
      size: sites.length,
      tiers: ['hall', 'town', 'village'].map((t) => sites.filter((s) => s.tier === t).length).join(' / '),
      seededS,
      pastEvents,
      pastS,
      connectS,
      rate: eventsBefore / SECONDS,
      postRate: postsBefore / SECONDS,
      wall: { p50: percentile(wallLags, 50), p99: percentile(wallLags, 99), n: wallLags.length, missed: missedWall },
      district: { p50: percentile(districtLags, 50), p99: percentile(districtLags, 99), n: districtLags.length, missed: missedDistrict },
      cpu,
      inside,
      load: os.loadavg(),
      failures: state.failures,
    };
  } finally {
    for (const s of sockets) s.close();
    if (server) await server.stop();
    await db.drop();
  }
}

async function run() {
  const b0 = Date.now();
  // BENCH_NO_BUILD=1 measures the server as last built (a build of other sources may be under way).
  if (!process.env.BENCH_NO_BUILD)
    execFileSync('npx', ['nx', 'run', 'server:build', '--output-style=stream'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const buildS = (Date.now() - b0) / 1000;
  const results = [];
  for (const size of SIZES) {
    console.log(`sites: ${size}…`);
    // A size the server cannot carry is reported as such; the other sizes still are.
    results.push(await runSize(size).catch((err) => ({ size, failed: err.message })));
  }
  const ms = (x) => (x === undefined ? '–' : `${Math.round(x)} ms`);
  const rows = results
    .map((r) =>
      r.failed
        ? `| ${r.size} | did not complete: ${r.failed} | | | | | | ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(' / ')} |`
        : `| ${r.size} (${r.tiers}) | ${r.rate.toFixed(1)} ev/s in ${r.postRate.toFixed(1)} posts/s | ${ms(r.wall.p50)} / **${ms(r.wall.p99)}** (${r.wall.n}, ${r.wall.missed} missed) | ${ms(r.district.p50)} / **${ms(r.district.p99)}** (${r.district.n}, ${r.district.missed} missed) | **${(r.cpu.server + r.cpu.pgOwn).toFixed(2)}** (${r.cpu.server.toFixed(2)} + ${r.cpu.pgOwn.toFixed(2)}; all postgres ${r.cpu.pgAll.toFixed(2)}) | ${Math.round(r.cpu.rssMax / 2 ** 20)} MB | ${ms(r.inside.loopP99 * 1000)} / ${ms(r.inside.loopMax * 1000)} | ${r.load.map((l) => l.toFixed(1)).join(' / ')} |`,
    )
    .join('\n');
  const setup = results
    .filter((r) => !r.failed)
    .map(
      (r) =>
        `${r.size} sites: seeded in ${r.seededS.toFixed(0)} s, the day's past (${r.pastEvents} events) posted in ${r.pastS.toFixed(0)} s, ${r.size} walls and ${OVERVIEWS} overviews connected in ${r.connectS.toFixed(0)} s${r.failures ? `, ${r.failures} posts failed` : ''}`,
    )
    .join('; ');
  return `
Each size: a fresh database; the sites' registries from the demo's tier seeding (the demo district at ~100; ten
halls of 9 town centres × 10 village stations at 1,000); the day's last 90 minutes posted first; then one /live
wall per site (display tokens) and ${OVERVIEWS} district overviews (\`scope: 'district'\`) connect, and every site posts
through \`POST /api/v1/events\` with its own device key what happened since its last post (halls every 1 s at their
peak of ${PER_HOUR.hall} tickets an hour, towns every 3 s at ${PER_HOUR.town}, villages every 5 s at ${PER_HOUR.village}). After 15 s of warm-up,
${SECONDS} s are measured. Wall lag: from a batch's HTTP answer to the first snapshot or update after which the wall's
waiting + serving + served and served reach the site's issued and served counts (batches that issue or finish a
ticket). Overview lag: from the answer to the first \`district\` message whose line for the site shows the batch's last
event. CPU in cores over the measured span, from /proc: the server and this database's PostgreSQL backends ("all
postgres" adds every postgres process on the machine, other work included). RSS: the server's largest. Event loop
delay: the server's own histogram over the measured span (its /metrics).

| sites (halls / towns / villages) | ingest | wall lag p50 / p99 (samples) | overview lag p50 / p99 (samples) | server + PostgreSQL cores | server RSS | event loop delay p99 / max | load 1/5/15 |
|---|---|---|---|---|---|---|---|
${rows}

Targets: wall p99 ≤ 1,000 ms, overview p99 ≤ 2,000 ms, server + PostgreSQL < 1.5 cores, RSS < 500 MB.
Server built in ${buildS.toFixed(0)} s; ${setup}.
`;
}

module.exports = { run };
