import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@hallwatch/shared';
import { Queue } from 'bullmq';
import { delayedFireTime } from '../../server/src/modules/patrol/jobs/delayed-fire-time';
import { PatrolJobsProducer } from '../../server/src/modules/patrol/jobs/patrol-jobs.producer';
import { Site } from '../../server/src/modules/registry/site.entity';
import { makeSite } from '../support/factories';
import { call, hall, MONDAY, roundsOf, waitFor } from '../support/patrol';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

// The producer reads a delayed job's fire time from BullMQ's public job fields: a job where it
// should be is kept, one the Clock has moved away from is put at its new time, and is then kept.

const ADMIN = 'test-admin-token-patrol-drift';
const SITE = 'patd';

describe('patrol delayed jobs against the clock', () => {
  let t: TestApp;
  let site: Site;
  let producer: PatrolJobsProducer;
  const queue = () => t.app.get<Queue>(getQueueToken(QueueName.Patrol), { strict: false });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: ADMIN });
    site = await makeSite(t.ds, SITE);
    producer = t.app.get(PatrolJobsProducer);
    t.clock.setNow(hall(MONDAY, '07:00:00'));
    const res = await call(`${t.url}/api/v1/admin/sites/${SITE}/patrol/schedule`, 'PUT', ADMIN, { enabled: true });
    expect(res.status).toBe(200);
  });
  afterAll(async () => t.close());

  const firstDueJob = async () => {
    const round = (await roundsOf(t.ds, SITE, MONDAY))[0];
    const job = await queue().getJob(`round.${round.id}.due.${round.due_at.getTime()}`);
    if (!job) throw new Error('no due job for the first round');
    return { round, job };
  };

  it('keeps every job that fires when the clock says', async () => {
    const outcomes = await producer.ensureSite(site.id);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['kept']));
  });

  it('moves every job when the clock is set back, to the new time, and keeps them after', async () => {
    t.clock.setNow(hall(MONDAY, '06:50:00'));
    const before = Date.now();
    const moved = await producer.ensureSite(site.id);
    const after = Date.now();
    expect(new Set(moved)).toEqual(new Set(['moved']));

    const { round, job } = await firstDueJob();
    expect(await job.getState()).toBe('delayed');
    const untilDue = round.due_at.getTime() - hall(MONDAY, '06:50:00').getTime();
    expect(delayedFireTime(job)).toBeGreaterThanOrEqual(before + untilDue - 1000);
    expect(delayedFireTime(job)).toBeLessThanOrEqual(after + untilDue + 1000);

    expect(new Set(await producer.ensureSite(site.id))).toEqual(new Set(['kept']));
  });

  it('reads the time of a job the worker ran early and put back, and keeps it', async () => {
    const { job } = await firstDueJob();
    // Put back well after its creation, so that a time counted from the creation would be wrong.
    await new Promise((r) => setTimeout(r, Math.max(0, job.timestamp + 1500 - Date.now())));
    await job.promote();
    // By the Clock the round is not due yet: the worker puts the job back for the rest of the wait.
    const back = await waitFor(
      async () => queue().getJob(job.id ?? ''),
      (j) => j?.processedOn !== undefined && j.delay > 0,
      15_000,
      'the job put back',
    );
    expect(await back?.getState()).toBe('delayed');
    expect(new Set(await producer.ensureSite(site.id))).toEqual(new Set(['kept']));
  });
});
