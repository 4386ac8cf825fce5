import { Module } from '@nestjs/common';
import { AppealsService } from './appeals.service';
import { CalendarModule } from '../calendar/calendar.module';
import { AppealsController } from './controllers/appeals.controller';
import { CalendarController } from '../calendar/calendar.controller';
import { FollowUpsController } from './controllers/follow-ups.controller';
import { TrendsController } from '../trends/trends.controller';
import { FollowUpsService } from './follow-ups.service';
import { ReviewsJobsModule } from './jobs/reviews-jobs.module';
import { TrendsService } from '../trends/trends.service';
import { ReviewsReactions } from './reviews-reactions';

// 好差评 (SPEC §5): follow-up cases for every bad review and complaint with working-day
// deadlines, appeals, the audited phone reveal, the rates' rollups and the leaders' trends.
@Module({
  imports: [ReviewsJobsModule, CalendarModule],
  controllers: [FollowUpsController, AppealsController, CalendarController, TrendsController],
  providers: [FollowUpsService, AppealsService, TrendsService, ReviewsReactions],
})
export class ReviewsModule {}
