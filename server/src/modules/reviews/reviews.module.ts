import { Module, OnModuleInit } from '@nestjs/common';
import { IndicatorsService } from '../indicators/indicators.service';
import { IngestListener } from '../ingest/ingest-listener';
import { AppealsService } from './appeals.service';
import { CalendarModule } from '../calendar/calendar.module';
import { AppealsController } from './controllers/appeals.controller';
import { CalendarController } from '../calendar/calendar.controller';
import { FollowUpsController } from './controllers/follow-ups.controller';
import { TrendsController } from '../trends/trends.controller';
import { FOLLOW_UP_ALERTS } from './follow-up-alerts';
import { openFollowUps } from './follow-up-opening';
import { FollowUpsService } from './follow-ups.service';
import { FollowUpProducer } from './jobs/follow-up.producer';
import { ReviewsJobsModule } from './jobs/reviews-jobs.module';
import { TrendsService } from '../trends/trends.service';

// 好差评 (SPEC §5): follow-up cases for every bad review and complaint with working-day
// deadlines, appeals, the audited phone reveal, the rates' rollups and the leaders' trends.
@Module({
  imports: [ReviewsJobsModule, CalendarModule],
  controllers: [FollowUpsController, AppealsController, CalendarController, TrendsController],
  providers: [FollowUpsService, AppealsService, TrendsService],
})
export class ReviewsModule implements OnModuleInit {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly ingest: IngestListener,
    private readonly producer: FollowUpProducer,
  ) {}

  onModuleInit(): void {
    this.indicators.addAlertSource(FOLLOW_UP_ALERTS);
    // Cases are opened and rollups marked in the ingest transaction; jobs are queued after it commits.
    this.ingest.subscribeInTransaction(openFollowUps);
    this.ingest.subscribe((site, change) => {
      if (change.reviews || change.complaints) this.producer.kickScheduling(site.id);
      if (change.tickets || change.reviews || change.complaints) this.producer.kickRollups();
    });
  }
}
