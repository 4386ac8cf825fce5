import { QueueName } from '@hallwatch/shared';
import Redis from 'ioredis';
import { PatrolSync } from '../../server/src/modules/patrol/jobs/patrol-sync.service';
import { PatrolScheduleService } from '../../server/src/modules/patrol/patrol-schedule.service';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { hall, MONDAY, ON_TIME_MS, roundsOf, stepsOf, waitFor } from '../support/patrol';
import { PrivateRedis } from '../support/private-redis';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// The server's in-process worker (the default) on a private Redis that is flushed under it:
// within one flush check the schedule is rebuilt from PostgreSQL, and the next round falls
// due on time, once, from a rebuilt job.

const SITE = 'patf';

describe('patrol schedule after FLUSHALL (in-process worker)', () => {
  let redis: PrivateRedis;
  let client: Redis;
  let t: TestApp;
  let site: Site;
  const roundJobs = async () =>
    (await client.zrange(`${t.config.REDIS_PREFIX}:bull:${QueueName.Patrol}:delayed`, 0, -1)).filter((id) => id.startsWith('round.'))
      .length;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    client = new Redis(redis.url);
    t = await startTestApp({ REDIS_URL: redis.url });
    site = await makeSite(t.ds, SITE);
  });
  afterAll(async () => {
    await t?.close();
    client?.disconnect();
    await redis?.down();
  });

  it('rebuilds every job from PostgreSQL and fires the next step once', async () => {
    t.clock.setNow(hall(MONDAY, '08:59:50'));
    await t.app.get(PatrolScheduleService).updateSchedule(SITE, { enabled: true }, t.clock.now());
    await t.app.get(PatrolSync).syncSite(site);
    expect(await roundJobs()).toBe(24);

    await client.flushall();
    expect(await client.dbsize()).toBe(0);
    await waitFor(roundJobs, (n) => n === 24, 8000, 'rebuilt jobs');
    await waitFor(
      async () => (await roundsOf(t.ds, SITE, MONDAY))[0].state,
      (s) => s === 'due',
      15_000,
      'round 1 due',
    );
    const steps = await stepsOf(t.ds, SITE);
    expect(steps.map((s) => `${s.code} ${s.step}`)).toEqual([`${MONDAY}-1 due`]);
    expect(steps[0].late_ms).toBeLessThan(ON_TIME_MS);
    expect(await roundsOf(t.ds, SITE)).toHaveLength(8);
  });
});
