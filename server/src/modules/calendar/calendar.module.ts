import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarDay } from './calendar-day.entity';

// The hall's one working-day calendar: follow-up deadlines count in it and patrol rounds are
// planned by it, so the patrol admin edits it through the same service (edit audited, and
// reviews' hook moves the deadlines).
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDay])],
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
