import { QueueName } from '@hallwatch/shared';
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { LoggedWorkerHost } from '../../../core/queue/logged-worker-host';
import { CallbackWeeklyDrawService } from '../callback-weekly-draw.service';
import { FollowUpDeadlinesService } from '../follow-up-deadlines.service';
import { CALLBACK_WEEKLY_DRAW } from './callback-weekly-draw.job';
import { FOLLOW_UP_DEADLINE, FollowUpDeadlineData } from './follow-up-deadline.job';
import { FOLLOW_UP_SCHEDULE, FollowUpScheduleData } from './follow-up-schedule.job';
import { FOLLOW_UP_SWEEP } from './follow-up-sweep.job';

// Started by FollowUpsWorker, only in processes that run workers.
@Processor(QueueName.FollowUps, { autorun: false })
export class FollowUpsProcessor extends LoggedWorkerHost {
  constructor(
    private readonly deadlines: FollowUpDeadlinesService,
    private readonly weeklyDraw: CallbackWeeklyDrawService,
  ) {
    super('follow-ups');
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case FOLLOW_UP_DEADLINE:
        return { outcome: await this.deadlines.handle(job.data as FollowUpDeadlineData) };
      case FOLLOW_UP_SCHEDULE:
        return { cases: await this.deadlines.scheduleUnscheduled((job.data as FollowUpScheduleData).siteId) };
      case FOLLOW_UP_SWEEP: {
        let scheduled = 0;
        for (let n = -1; n !== 0; scheduled += n) n = await this.deadlines.scheduleUnscheduled(null);
        const escalated = await this.deadlines.escalateMissed();
        if (escalated) this.logger.warn(`sweep escalated ${escalated} deadline(s) whose jobs had not run`);
        return { scheduled, escalated };
      }
      // Queued here by versions before the rollups had their own queue; the rollups' sweep folds their marks.
      case 'rollup-flush':
        return null;
      case CALLBACK_WEEKLY_DRAW:
        return { drawn: (await this.weeklyDraw.drawWeeklyMinimum()).length };
      default:
        this.logger.warn(`unknown job ${job.name} on the follow-ups queue`);
        return null;
    }
  }
}
