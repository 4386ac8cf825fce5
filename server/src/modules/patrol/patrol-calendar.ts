import { EntityManager } from 'typeorm';
import { isWorkingDay } from '../../core/time/working-calendar';
import { readExceptions } from '../reviews/calendar-store';
import { PatrolSchedule } from './entities/patrol-schedule.entity';

/**
 * Whether a day has rounds: the hall's working calendar (the site's own entry over the one for
 * every site), then the schedule's weekdays. The same calendar counts the follow-up deadlines,
 * so 国庆 entered once stops both.
 */
export async function isPatrolDay(em: EntityManager, schedule: PatrolSchedule, day: string): Promise<boolean> {
  return isWorkingDay(day, await readExceptions(em, schedule.siteId, day, day), schedule.weekdays);
}
