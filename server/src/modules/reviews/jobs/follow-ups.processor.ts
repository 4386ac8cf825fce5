import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { FollowUpDeadlinesService } from '../follow-up-deadlines.service';
import { RollupService } from '../../trends/rollup.service';
import { FOLLOW_UP_DEADLINE, FollowUpDeadlineData } from './follow-up-deadline.job';
import { FOLLOW_UP_SCHEDULE, FollowUpScheduleData } from './follow-up-schedule.job';
import { FOLLOW_UP_SWEEP } from './follow-up-sweep.job';
import { FollowUpProducer } from './follow-up.producer';
import { ROLLUP_FLUSH, ROLLUP_FLUSH_SPACING } from '../../trends/jobs/rollup-flush.job';

// Started by FollowUpsWorker, only in processes that run workers.
@Processor(QueueName.FollowUps, { autorun: false })
export class FollowUpsProcessor extends LoggedWorkerHost {
  /** No rollup flush in this worker before this instant (epoch ms); see ROLLUP_FLUSH_SPACING. */
  private rollupsHeldUntil = 0;

  constructor(
    private readonly deadlines: FollowUpDeadlinesService,
    private readonly rollups: RollupService,
    private readonly producer: FollowUpProducer,
  ) {
    super('follow-ups');
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case FOLLOW_UP_DEADLINE:
        return { outcome: await this.deadlines.handle(job.data as FollowUpDeadlineData) };
      case FOLLOW_UP_SCHEDULE:
        return { cases: await this.deadlines.scheduleUnscheduled((job.data as FollowUpScheduleData).siteId) };
      case ROLLUP_FLUSH: {
        const started = Date.now();
        if (started < this.rollupsHeldUntil) {
          this.producer.kickRollupsAt(this.rollupsHeldUntil);
          return { heldMs: this.rollupsHeldUntil - started };
        }
        const r = await this.rollups.flush();
        this.rollupsHeldUntil = Date.now() + ROLLUP_FLUSH_SPACING * (Date.now() - started);
        if (r.more) this.producer.kickRollupsAt(this.rollupsHeldUntil);
        return r;
      }
      case FOLLOW_UP_SWEEP: {
        let scheduled = 0;
        for (let n = -1; n !== 0; scheduled += n) n = await this.deadlines.scheduleUnscheduled(null);
        const escalated = await this.deadlines.escalateMissed();
        const marks = await this.rollups.flushAll();
        if (escalated) this.logger.warn(`sweep escalated ${escalated} deadline(s) whose jobs had not run`);
        return { scheduled, escalated, marks };
      }
      default:
        this.logger.warn(`unknown job ${job.name} on the follow-ups queue`);
        return null;
    }
  }
}
