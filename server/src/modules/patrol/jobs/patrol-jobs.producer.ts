import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../../core/time/clock';
import { PatrolNotice } from '../entities/patrol-notice.entity';
import { PatrolRound } from '../entities/patrol-round.entity';
import { noticeStepAt } from '../notice-steps.service';
import { RoundStep, stepAt } from '../round-rules';
import { delayedFireTime } from './delayed-fire-time';
import { NOTICE_STEP_JOB, NoticeStepJobData, noticeStepJobId } from './notice-step.job';
import { ROUND_STEP_JOB, RoundStepJobData, roundStepJobId } from './round-step.job';
import { PATROL_JOB_OPTS, PATROL_SWEEP_EVERY_MS, PATROL_SWEEP_JOB, PATROL_SWEEP_SCHEDULER, PatrolSweepJobData } from './patrol-sweep.job';

export type EnsureOutcome = 'added' | 'kept' | 'moved';

/** A delayed job further than this from its wanted time is moved (the clock was set, or the round moved). */
const DRIFT_MS = 1000;

/** The steps a round in each state has still to take; a step whose time has passed gets a job due at once. */
const PENDING_STEPS: Record<PatrolRound['state'], RoundStep[]> = {
  scheduled: ['due', 'overdue', 'missed'],
  due: ['overdue', 'missed'],
  overdue: ['missed'],
  in_progress: ['missed'],
  done: [],
  doubtful: [],
  missed: [],
};

/**
 * Puts the delayed jobs for rounds and notices into Redis. Every job has a deterministic id,
 * so ensuring a job that exists is a no-op; PostgreSQL says which steps are still to come,
 * which is how the whole schedule is rebuilt after Redis lost it.
 */
@Injectable()
export class PatrolJobsProducer {
  constructor(
    @InjectQueue(QueueName.Patrol) private readonly queue: Queue,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async ensureSweep(): Promise<void> {
    await this.queue.upsertJobScheduler(
      PATROL_SWEEP_SCHEDULER,
      { every: PATROL_SWEEP_EVERY_MS },
      { name: PATROL_SWEEP_JOB, data: {} satisfies PatrolSweepJobData, opts: PATROL_JOB_OPTS },
    );
  }

  /** False after Redis was emptied (FLUSHALL, a fresh Redis without persistence). */
  async sweepExists(): Promise<boolean> {
    return (await this.queue.getJobScheduler(PATROL_SWEEP_SCHEDULER)) !== undefined;
  }

  async ensureRound(round: PatrolRound): Promise<EnsureOutcome[]> {
    const now = this.clock.now();
    const out: EnsureOutcome[] = [];
    for (const step of PENDING_STEPS[round.state]) {
      const at = stepAt(round, step);
      if (!at) continue;
      const data: RoundStepJobData = { roundId: round.id, step };
      out.push(await this.ensureJob(ROUND_STEP_JOB, data, roundStepJobId(round.id, step, at), at, now));
    }
    return out;
  }

  async ensureNotice(notice: PatrolNotice): Promise<EnsureOutcome[]> {
    const now = this.clock.now();
    const out: EnsureOutcome[] = [];
    if (notice.status !== 'open') return out;
    // A reminder once the deadline has passed would warn of nothing: only the escalation is left.
    if (!notice.remindedAt && notice.remindAt < notice.deadline && notice.deadline > now) {
      const data: NoticeStepJobData = { noticeId: notice.id, step: 'remind' };
      out.push(await this.ensureJob(NOTICE_STEP_JOB, data, noticeStepJobId(notice.id, 'remind', notice.remindAt), notice.remindAt, now));
    }
    if (!notice.escalatedAt) {
      const at = noticeStepAt(notice, 'overdue');
      const data: NoticeStepJobData = { noticeId: notice.id, step: 'overdue' };
      out.push(await this.ensureJob(NOTICE_STEP_JOB, data, noticeStepJobId(notice.id, 'overdue', at), at, now));
    }
    return out;
  }

  /** Every step still to take of the site's open rounds and notices, as PostgreSQL has them. */
  async ensureSite(siteId: string): Promise<EnsureOutcome[]> {
    const rounds = await this.ds
      .getRepository(PatrolRound)
      .createQueryBuilder('r')
      .where(`r.site_id = :siteId AND r.state NOT IN ('done', 'doubtful', 'missed')`, { siteId })
      .getMany();
    const notices = await this.ds
      .getRepository(PatrolNotice)
      .createQueryBuilder('n')
      .where(`n.site_id = :siteId AND n.status = 'open' AND n.escalated_at IS NULL`, { siteId })
      .getMany();
    const out: EnsureOutcome[] = [];
    for (const r of rounds) out.push(...(await this.ensureRound(r)));
    for (const n of notices) out.push(...(await this.ensureNotice(n)));
    return out;
  }

  private async ensureJob(name: string, data: object, jobId: string, at: Date, now: Date): Promise<EnsureOutcome> {
    const delay = Math.max(0, at.getTime() - now.getTime());
    const opts = { jobId, delay, ...PATROL_JOB_OPTS };
    const job = (await this.queue.getJobState(jobId)) === 'delayed' ? await this.queue.getJob(jobId) : undefined;
    if (job) {
      if (Math.abs(delayedFireTime(job) - (Date.now() + delay)) <= DRIFT_MS) return 'kept';
      // Removed and made afresh rather than changeDelay: that keeps the job's creation time, so
      // the fire time could no longer be read back from the job on the next sweep.
      await job.remove();
      await this.queue.add(name, data, opts);
      return 'moved';
    }
    // Adding an id that exists (waiting, active, completed) leaves that job as it is.
    await this.queue.add(name, data, opts);
    return 'added';
  }
}
