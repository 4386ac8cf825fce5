import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { DelayedError, Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { Clock } from '../../../core/time/clock';
import { NoticeStepsService, noticeStepAt } from '../notice-steps.service';
import { PatrolNotifier } from '../patrol-notifier';
import { RoundStepsService } from '../round-steps.service';
import { NOTICE_STEP_JOB, NoticeStepJobData } from './notice-step.job';
import { PatrolSync } from './patrol-sync.service';
import { jobInstant, PATROL_SWEEP_JOB } from './patrol-sweep.job';
import { ROUND_STEP_JOB, RoundStepJobData } from './round-step.job';

// Several steps can fall due in the same second (a site's notices); a slow query must not hold the rest up.
const CONCURRENCY = 8;

/**
 * Handles the patrol queue. Every handler re-reads PostgreSQL and judges time by the Clock:
 * a job for a step already recorded, superseded, or made moot by the round being started
 * returns early; a job that comes before its time by the Clock waits the rest.
 * The worker is started by PatrolWorker, only in processes that run workers.
 */
@Processor(QueueName.Patrol, { autorun: false, concurrency: CONCURRENCY })
export class PatrolProcessor extends LoggedWorkerHost {
  constructor(
    private readonly clock: Clock,
    private readonly rounds: RoundStepsService,
    private readonly notices: NoticeStepsService,
    private readonly sync: PatrolSync,
    private readonly notifier: PatrolNotifier,
  ) {
    super('patrol', { jobIds: true });
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const now = this.clock.now();
    if (job.name === ROUND_STEP_JOB) return this.roundStep(job as Job<RoundStepJobData>, now, token);
    if (job.name === NOTICE_STEP_JOB) return this.noticeStep(job as Job<NoticeStepJobData>, now, token);
    if (job.name === PATROL_SWEEP_JOB) {
      const result = await this.sync.syncAll();
      return { sites: result.length, steps: result.reduce((n, s) => n + s.steps, 0) };
    }
    this.logger.warn(`unknown job ${job.name} on the patrol queue`);
    return null;
  }

  private async roundStep(job: Job<RoundStepJobData>, now: Date, token?: string): Promise<unknown> {
    const round = await this.rounds.findRound(job.data.roundId);
    if (!round) return { skipped: 'no such round' };
    const at = this.rounds.stepInstant(round, job.data.step);
    if (!at) return { skipped: 'no longer needed' };
    // The round was moved since this job was made; the job for its new time does the work.
    if (jobInstant(job.id) !== at.getTime()) return { skipped: 'superseded' };
    await this.waitIfEarly(job, at, now, token);
    const result = await this.rounds.advanceRound(round.id, now);
    if (result && (result.steps.length || result.from !== result.to)) await this.notifier.siteChanged(result.siteId);
    return result ? { state: result.to, steps: result.steps } : null;
  }

  private async noticeStep(job: Job<NoticeStepJobData>, now: Date, token?: string): Promise<unknown> {
    const notice = await this.notices.findNotice(job.data.noticeId);
    if (!notice || notice.status !== 'open') return { skipped: 'closed' };
    await this.waitIfEarly(job, noticeStepAt(notice, job.data.step), now, token);
    const result = await this.notices.advanceNotice(notice.id, now);
    if (result?.steps.length) await this.notifier.siteChanged(result.siteId);
    return result ? { steps: result.steps } : null;
  }

  /** Redis and the Clock may disagree (a test clock, a skewed host): the Clock decides. */
  private async waitIfEarly(job: Job, at: Date, now: Date, token?: string): Promise<void> {
    const early = at.getTime() - now.getTime();
    if (early <= 0) return;
    await job.moveToDelayed(Date.now() + early, token);
    throw new DelayedError();
  }
}
