import { Module, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/time/clock';
import { AppealsService } from './appeals.service';
import { CalendarModule } from '../calendar/calendar.module';
import { CalendarService } from '../calendar/calendar.service';
import { AppealsController } from './controllers/appeals.controller';
import { FollowUpsController } from './controllers/follow-ups.controller';
import { TrendsController } from '../trends/trends.controller';
import { deadlinesFollowCalendar } from './follow-up-calendar';
import { FollowUpsService } from './follow-ups.service';
import { FollowUpProducer } from './jobs/follow-up.producer';
import { ReviewsJobsModule } from './jobs/reviews-jobs.module';
import { TrendsService } from '../trends/trends.service';
import { ReviewsReactions } from './reviews-reactions';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReviewDailyRollup } from '../trends/entities/review-daily-rollup.entity';
import { ReviewHourlyRollup } from '../trends/entities/review-hourly-rollup.entity';
import { RollupMark } from '../trends/entities/rollup-mark.entity';
import { FollowUpAction } from './entities/follow-up-action.entity';
import { FollowUpCase } from './entities/follow-up-case.entity';
import { ReviewAppeal } from './entities/review-appeal.entity';

// 好差评 (SPEC §5): follow-up cases for every bad review and complaint with working-day
// deadlines, appeals, the audited phone reveal, the rates' rollups and the leaders' trends.
@Module({
  imports: [
    TypeOrmModule.forFeature([FollowUpCase, FollowUpAction, ReviewAppeal, ReviewDailyRollup, ReviewHourlyRollup, RollupMark]),
    ReviewsJobsModule,
    CalendarModule,
  ],
  controllers: [FollowUpsController, AppealsController, TrendsController],
  providers: [FollowUpsService, AppealsService, TrendsService, ReviewsReactions],
})
export class ReviewsModule implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly producer: FollowUpProducer,
  ) {}

  onModuleInit(): void {
    this.calendar.onEdit(deadlinesFollowCalendar(this.clock, this.producer));
  }
}
