import { QueueName } from '@hallwatch/shared';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Clock } from '../../../core/time/clock';
import { FOLLOW_UP_DEADLINE, FollowUpDeadlineData, followUpDeadlineJobId } from './follow-up-deadline.job';
import { FOLLOW_UP_SCHEDULE, FOLLOW_UP_SCHEDULE_EVERY_MS, FollowUpScheduleData, followUpScheduleJobId } from './follow-up-schedule.job';
import { JOB_RETENTION } from './follow-up-sweep.job';

export interface DeadlineJob {
  data: FollowUpDeadlineData;
  due: Date;
  /** When the job should run (the deadline, or the reminder before it). */
  at: Date;
}

// Producers only add jobs. A kick that fails (Redis down) is logged and dropped: the
// outbox in PostgreSQL (unscheduled cases) keeps the work for the sweep.
@Injectable()
export class FollowUpProducer {
  private readonly logger = new Logger('follow-ups');

  constructor(
    @InjectQueue(QueueName.FollowUps) private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  kickScheduling(siteId: string): void {
    const now = Date.now();
    this.add(FOLLOW_UP_SCHEDULE, { siteId } satisfies FollowUpScheduleData, {
      jobId: followUpScheduleJobId(siteId, now),
      delay: FOLLOW_UP_SCHEDULE_EVERY_MS - (now % FOLLOW_UP_SCHEDULE_EVERY_MS),
    });
  }

  /** Delays count from the business clock, so a test that moves the clock moves the jobs too. */
  async addDeadlines(jobs: DeadlineJob[]): Promise<void> {
    if (!jobs.length) return;
    const now = this.clock.now().getTime();
    await this.queue.addBulk(
      jobs.map((j) => ({
        name: FOLLOW_UP_DEADLINE,
        data: j.data,
        opts: { jobId: followUpDeadlineJobId(j.data, j.due), delay: Math.max(0, j.at.getTime() - now), ...JOB_RETENTION },
      })),
    );
  }

  private add(name: string, data: object, opts: JobsOptions): void {
    this.queue
      .add(name, data, { ...opts, ...JOB_RETENTION })
      .catch((err: Error) => this.logger.warn(`could not queue ${name}: ${err.message}`));
  }
}
