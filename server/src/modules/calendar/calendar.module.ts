import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { ReviewsJobsModule } from '../reviews/jobs/reviews-jobs.module';

// The hall's one working-day calendar: follow-up deadlines count in it and patrol rounds are
// planned by it, so the patrol admin edits it through the same service (deadlines moved, edit audited).
@Module({
  imports: [ReviewsJobsModule],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
