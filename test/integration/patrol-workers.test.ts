import { QueueName } from '@hallwatch/shared';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { delayedFireTime } from '../../server/src/modules/patrol/jobs/delayed-fire-time';
import { PATROL_SWEEP_SCHEDULER } from '../../server/src/modules/patrol/jobs/patrol-sweep.job';
import { PatrolScheduleService } from '../../server/src/modules/patrol/patrol-schedule.service';
import { standaloneEvents } from '../../server/src/modules/domain-events/domain-events';
import { calendarWithoutQueue } from '../../server/src/modules/reviews/follow-up-calendar';
import { makeSite } from '../support/factories';
import { hall, MONDAY, ON_TIME_MS, roundsOf, stepsOf, waitFor } from '../support/patrol';
import { PrivateRedis } from '../support/private-redis';
import { createTestDatabase } from '../support/test-db';
import { runId } from '../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../support/worker-process';

jest.setTimeout(180_000);

// Two real `hallwatch worker` processes share one PostgreSQL and one (private) Redis. Their
// clocks are set to the hall's Monday a few seconds before each step; between steps they are
// killed and restarted, and Redis is flushed while they run and while they are down. Every
// round must exist once, and every step be recorded once, on time.

const SITE = 'patw';
const R1 = `${MONDAY}-1`;
// Long enough for two cold worker processes to start and rebuild on a busy two-core machine.
const LEAD_MS = 15_000;

describe('patrol with two worker processes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let redis: PrivateRedis;
  let client: Redis;
  let queue: Queue;
  let workers: WorkerProcess[] = [];
  let env: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string };

  // Read through BullMQ's public API, as the producer does, not its Redis keys.
  const delayedRoundJobs = async () => (await queue.getDelayed()).filter((j) => j.id?.startsWith('round.'));
  const roundJobs = async () => (await delayedRoundJobs()).length;
  /** When the next round job fires. */
  const nextRoundFire = async (): Promise<number> => Math.min(Infinity, ...(await delayedRoundJobs()).map(delayedFireTime));
  const state = async () => (await roundsOf(ds, SITE, MONDAY)).find((r) => r.code === R1)?.state;
  /** Steps whose job was in Redis before they fell due: those must have fired on time. */
  const timed = new Set<string>();
  /** Two workers whose clocks read `LEAD_MS` before `step`; resolves once they have rebuilt the schedule. */
  const startTwo = async (step: Date, name: string) => {
    const dueReal = Date.now() + LEAD_MS;
    const offset = step.getTime() - dueReal;
    workers = await Promise.all([startWorkerProcess(env, offset), startWorkerProcess(env, offset)]);
    // Rebuilt: the next round job is set for this step on the workers' clock.
    await waitFor(nextRoundFire, (at) => Math.abs(at - dueReal) < 1500 || Date.now() > dueReal, LEAD_MS + 10_000, 'rebuild');
    // On a loaded machine the workers may come up after the step's time; then the rebuild's catch-up records it, late but once.
    if (Date.now() < dueReal - 500) timed.add(name);
  };
  const stopAll = async (signal: NodeJS.Signals = 'SIGTERM') => {
    await Promise.all(workers.map((w) => w.stop(signal)));
    workers = [];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await makeSite(ds, SITE);
    await new PatrolScheduleService(ds, calendarWithoutQueue(ds, standaloneEvents([]))).updateSchedule(
      SITE,
      { enabled: true },
      hall(MONDAY, '08:00:00'),
    );
    redis = await PrivateRedis.start();
    client = new Redis(redis.url);
    env = { DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: `${runId()}:${randomBytes(3).toString('hex')}` };
    queue = new Queue(QueueName.Patrol, { connection: { host: '127.0.0.1', port: redis.port }, prefix: `${env.REDIS_PREFIX}:bull` });
  });
  afterAll(async () => {
    await stopAll('SIGKILL');
    await queue?.close();
    client?.disconnect();
    await redis?.down();
    await ds?.destroy();
    await db?.drop();
  });

  it('plans the day once and makes round 1 due on time with two workers racing', async () => {
    await startTwo(hall(MONDAY, '09:00:00'), 'due');
    await waitFor(state, (s) => s === 'due', LEAD_MS + 10_000, 'round 1 due');
    expect((await roundsOf(ds, SITE)).map((r) => r.code)).toEqual(
      [1, 2, 3, 4].map((n) => `${MONDAY}-${n}`).concat([1, 2, 3, 4].map((n) => `2024-07-16-${n}`)),
    );
    // Round 1: overdue and missed to come; rounds 2–4 and Tuesday's: all three steps.
    await waitFor(roundJobs, (n) => n === 2 + 3 * 3 + 4 * 3, 5000, 'delayed jobs');
  });

  it('rebuilds the schedule from PostgreSQL when Redis is flushed under the running workers', async () => {
    await client.flushall();
    expect(await client.dbsize()).toBe(0);
    // Each worker checks every 5 s; both may rebuild, and the jobs' ids keep it to one set.
    await waitFor(roundJobs, (n) => n === 23, 15_000, 'rebuilt schedule');
    expect(await queue.getJobScheduler(PATROL_SWEEP_SCHEDULER)).toBeDefined();
    expect(await roundsOf(ds, SITE)).toHaveLength(8);
  });

  it('after a kill and a restart, round 1 goes overdue on time, once', async () => {
    await workers[0].stop('SIGKILL');
    await stopAll();
    await startTwo(hall(MONDAY, '09:30:00'), 'overdue');
    await waitFor(state, (s) => s === 'overdue', LEAD_MS + 10_000, 'round 1 overdue');
  });

  it('after Redis is flushed while the workers are down, the restarted workers make round 1 missed on time, once', async () => {
    await stopAll();
    await client.flushall();
    await startTwo(hall(MONDAY, '10:00:00'), 'missed');
    await waitFor(state, (s) => s === 'missed', LEAD_MS + 10_000, 'round 1 missed');
    await new Promise((r) => setTimeout(r, 1500));
    const steps = (await stepsOf(ds, SITE)).filter((s) => s.code === R1);
    expect(steps.map((s) => s.step)).toEqual(['due', 'overdue', 'missed']);
    expect(timed.size).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s.late_ms).toBeGreaterThanOrEqual(0);
      if (timed.has(s.step)) expect(s.late_ms).toBeLessThan(ON_TIME_MS);
    }
    expect(await roundsOf(ds, SITE)).toHaveLength(8);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM patrol_steps`);
    expect(n).toBe(3);
    for (const w of workers) expect(w.output()).not.toMatch(/failed|Error/);
  });
});
