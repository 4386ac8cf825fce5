import { Module, OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { Clock } from '../../core/time/clock';
import type { DomainEvents } from '../domain-events/domain-events';
import { AppealsService } from './appeals.service';
import { CalendarModule } from '../calendar/calendar.module';
import { CalendarService } from '../calendar/calendar.service';
import { AppealsController } from './controllers/appeals.controller';
import { CallbackChecksController } from './controllers/callback-checks.controller';
import { CallbackChecksService } from './callback-checks.service';
import { CallbackCheck } from './entities/callback-check.entity';
import { FollowUpsController } from './controllers/follow-ups.controller';
import { deadlinesFollowCalendar } from './follow-up-calendar';
import { FollowUpsService } from './follow-ups.service';
import { FOLLOW_UP_LEDGER } from '../trends/follow-up-ledger';
import { FollowUpProducer } from './jobs/follow-up.producer';
import { ReviewsJobsModule } from './jobs/reviews-jobs.module';
import { ReviewsReactions } from './reviews-reactions';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FollowUpAction } from './entities/follow-up-action.entity';
import { FollowUpCase } from './entities/follow-up-case.entity';
import { ReviewAppeal } from './entities/review-appeal.entity';
import { RatingsController } from './ratings/ratings.controller';

// 好差评 (docs/contracts/reviews.md): follow-up cases for every bad review and complaint with working-day
// deadlines, appeals, the audited phone reveal, and 回访核实 (closures drawn for a second callback). The
// rollups and trends are TrendsModule's: it hears of what changes them through `reviews.changing` /
// `reviews.changed` (docs/domain-events.md).
@Module({
  imports: [TypeOrmModule.forFeature([FollowUpCase, FollowUpAction, ReviewAppeal, CallbackCheck]), ReviewsJobsModule, CalendarModule],
  controllers: [FollowUpsController, AppealsController, RatingsController, CallbackChecksController],
  providers: [
    FollowUpsService,
    AppealsService,
    CallbackChecksService,
    ReviewsReactions,
    { provide: FOLLOW_UP_LEDGER, useExisting: FollowUpsService },
  ],
  exports: [FollowUpsService, AppealsService, CallbackChecksService, FOLLOW_UP_LEDGER],
})
export class ReviewsModule implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly producer: FollowUpProducer,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  onModuleInit(): void {
    this.calendar.onEdit(deadlinesFollowCalendar(this.clock, this.producer, this.events));
  }
}
