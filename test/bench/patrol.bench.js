// Scheduled-job lateness: how long after its due instant a delayed job starts, measured
// twice on the same Redis: bare BullMQ (a no-op job), and Hallwatch's own patrol step jobs
// run by a real `hallwatch worker` process (rebuilt from PostgreSQL at its start, each job
// re-reading its notice and recording the step, lateness by the application clock).
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { Queue, Worker } = require('bullmq');
const { createBenchDatabase, percentile, ROOT } = require('./bench-env');

const JOBS = Number(process.env.BENCH_PATROL_JOBS || 200);
const SPREAD_MS = Number(process.env.BENCH_PATROL_SPREAD_MS || 20_000);
const SHARED_REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const connectionOf = (url) => ({ host: new URL(url).hostname, port: Number(new URL(url).port || 6379), maxRetriesPerRequest: null });

/**
 * A private redis-server with `hz` set. Redis checks blocked commands' timeouts on its own
 * event-loop ticks (hz per second), and a BullMQ worker waits for its next delayed job with
 * such a timeout: with the default hz 10 a job starts up to 100 ms late.
 */
async function privateRedis(hz) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', String(hz)],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const q = new Queue('ping', { connection: { ...connectionOf(url), retryStrategy: () => null, lazyConnect: true } });
    const ok = await q
      .getJobCounts()
      .then(() => true)
      .catch(() => false);
    await q.close().catch(() => undefined);
    if (ok) return { url, stop: () => new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM'))) };
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('private redis-server did not start');
}

const stats = (lates) => {
  const s = [...lates].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] };
};

/** N no-op delayed jobs due at known instants over the spread; lateness = start − due. */
async function bareBullmq(redisUrl, prefix) {
  const connection = connectionOf(redisUrl);
  const queue = new Queue('bench-lateness', { connection, prefix });
  const lates = [];
  let done;
  const all = new Promise((r) => (done = r));
  const worker = new Worker(
    'bench-lateness',
    async (job) => {
      lates.push(Date.now() - job.data.dueAt);
      if (lates.length === JOBS) done();
    },
    { connection, prefix, concurrency: 8 },
  );
  await worker.waitUntilReady();
  const start = Date.now() + 2000;
  await queue.addBulk(
    Array.from({ length: JOBS }, (_, i) => {
      const dueAt = start + Math.round((i * SPREAD_MS) / JOBS);
      return { name: 'tick', data: { dueAt }, opts: { jobId: `tick-${i}`, delay: dueAt - Date.now(), removeOnComplete: true } };
    }),
  );
  await all;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return stats(lates);
}

/** N notices whose reminder and deadline fall at known instants (2N steps), run by a worker process. */
async function patrolSteps(redisUrl, prefix) {
  const connection = connectionOf(redisUrl);
  const db = await createBenchDatabase();
  const { createDataSource } = require(join(ROOT, 'server/dist/core/database/data-source.js'));
  const ds = createDataSource(db.url);
  await ds.initialize();
  await ds.runMigrations();
  const [{ id: siteId }] = await ds.query(`INSERT INTO sites (code, name, tier) VALUES ('bench', '基准大厅', 'hall') RETURNING id`);
  // Far enough ahead for the worker process to start and rebuild the schedule first.
  const start = Date.now() + 10_000;
  const rows = Array.from({ length: JOBS }, (_, i) => {
    const remindAt = new Date(start + Math.round((i * SPREAD_MS) / JOBS));
    // Well apart, so that a late reminder is still a reminder (past the deadline only the escalation counts).
    const deadline = new Date(remindAt.getTime() + SPREAD_MS / 2);
    return { remindAt, deadline };
  });
  await ds.query(
    `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, issued_at, issued_by, deadline, remind_at)
     SELECT $1, 'bench-' || n, gen_random_uuid(), 'd1', now(), 'bench', d, r FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS u(r, d, n)`,
    [siteId, rows.map((r) => r.remindAt), rows.map((r) => r.deadline)],
  );
  const worker = spawn(process.execPath, [join(ROOT, 'server/dist/cli/main.js'), 'worker'], {
    env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = start + 1.5 * SPREAD_MS + 30_000;
    for (;;) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM patrol_steps`);
      if (n >= 2 * JOBS) break;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${2 * JOBS} patrol steps recorded`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const lates = (await ds.query(`SELECT EXTRACT(EPOCH FROM recorded_at - due_at) * 1000 AS ms FROM patrol_steps`)).map((r) =>
      Number(r.ms),
    );
    return stats(lates);
  } finally {
    await new Promise((r) => (worker.once('exit', r), worker.kill('SIGTERM')));
    const queue = new Queue('patrol', { connection, prefix: `${prefix}:bull` });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await ds.destroy();
    await db.drop();
  }
}

async function run() {
  const tag = randomBytes(3).toString('hex');
  const fast = await privateRedis(100);
  const rows = [];
  try {
    rows.push([
      'bare BullMQ delayed job, no work',
      'shared, hz 10 (default)',
      await bareBullmq(SHARED_REDIS, `hwbench-patrol-bare-${tag}`),
    ]);
    rows.push([
      'patrol step job in a `hallwatch worker` process',
      'shared, hz 10 (default)',
      await patrolSteps(SHARED_REDIS, `hwbench-patrol-${tag}`),
    ]);
    rows.push(['bare BullMQ delayed job, no work', 'private, hz 100', await bareBullmq(fast.url, `hwbench-patrol-bare-${tag}`)]);
    rows.push(['patrol step job in a `hallwatch worker` process', 'private, hz 100', await patrolSteps(fast.url, `hwbench-patrol-${tag}`)]);
  } finally {
    await fast.stop();
  }
  const ms = (v) => `${Math.round(v * 10) / 10}`;
  const verdict = (s) => `p50 ${s.p50 <= 40 ? '✓' : '✗'} (target ≤ 40 ms), p99 ${s.p99 <= 100 ? '✓' : '✗'} (target ≤ 100 ms)`;
  const patrolFast = rows[3][2];
  const patrolSlow = rows[1][2];
  return `
| path | Redis | jobs | p50 ms | p99 ms | max ms |
|---|---|---|---|---|---|
${rows.map(([path, redis, s]) => `| ${path} | ${redis} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`).join('\n')}

Lateness is a job's start minus its due instant. Bare: ${JOBS} no-op jobs due at known instants over
${SPREAD_MS / 1000} s. Patrol: ${JOBS} notices, each with a reminder and an escalation due at known instants
(${2 * JOBS} step jobs over ${(1.5 * SPREAD_MS) / 1000} s), scheduled by the worker's start-up rebuild from
PostgreSQL; each reads the application clock as it starts, then re-reads its notice and records the step
once. Worker concurrency 8.

A BullMQ worker waits for its next delayed job with a blocking Redis command whose timeout Redis only
checks on its event-loop ticks, \`hz\` times a second: at the default \`hz 10\` lateness is spread evenly
over 0–100 ms whatever Hallwatch does. Deployments set \`hz 100\` (docker-compose.yml does).
Patrol steps with \`hz 100\`: ${verdict(patrolFast)}; with \`hz 10\`: ${verdict(patrolSlow)}.
`;
}

module.exports = { run };
