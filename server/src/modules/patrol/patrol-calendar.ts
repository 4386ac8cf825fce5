import { EntityManager } from 'typeorm';
import { isWorkingDay } from '../../core/time/working-calendar';
import { PatrolCalendarDay } from './entities/patrol-calendar-day.entity';
import { PatrolSchedule } from './entities/patrol-schedule.entity';

/** Whether a day has rounds: the site's patrol calendar first (holidays, 调休), then the schedule's weekdays. */
export async function isPatrolDay(em: EntityManager, schedule: PatrolSchedule, day: string): Promise<boolean> {
  const entry = await em.findOneBy(PatrolCalendarDay, { siteId: schedule.siteId, day });
  return isWorkingDay(day, new Map(entry ? [[day, entry.kind]] : []), schedule.weekdays);
}
