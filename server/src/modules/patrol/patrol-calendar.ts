import { EntityManager } from 'typeorm';
import { isWorkingDay } from '../../core/time/working-calendar';
import { addDays } from '../../core/time/zoned-time';
import { readExceptions } from '../calendar/calendar-store';
import { PatrolSchedule } from './entities/patrol-schedule.entity';

/**
 * Whether a day has rounds: the hall's working calendar (the site's own entry over the one for
 * every site), then the schedule's weekdays. The same calendar counts the follow-up deadlines,
 * so 国庆 entered once stops both.
 */
export async function isPatrolDay(em: EntityManager, schedule: PatrolSchedule, day: string): Promise<boolean> {
  return isWorkingDay(day, await readExceptions(em, schedule.siteId, day, day), schedule.weekdays);
}

// Long enough for 国庆 (seven days off) and the weekends around it.
const WORKING_DAYS_SCAN = 31;

/** Up to `n` working days after `day`, by the site's working calendar over the civil-service week. */
export async function nextWorkingDays(em: EntityManager, siteId: string, day: string, n: number): Promise<string[]> {
  const exceptions = await readExceptions(em, siteId, addDays(day, 1), addDays(day, WORKING_DAYS_SCAN));
  const out: string[] = [];
  for (let i = 1; i <= WORKING_DAYS_SCAN && out.length < n; i++) {
    const d = addDays(day, i);
    if (isWorkingDay(d, exceptions)) out.push(d);
  }
  return out;
}
