import { DEFAULT_HALL_HOURS } from '@hallwatch/shared';
import { CalendarExceptions, isWorkingDay } from '../../core/time/working-calendar';
import { addDays, isoWeekday } from '../../core/time/zoned-time';
import { hashSeed, SeededRandom } from './seeded-random';

// Which past days the demo hall was open, and how busy each was. The history plays the
// hall's normal office day (DAY_SCHEDULE, the default opening hours) on the days the working
// calendar opens it: weekends and holidays closed, make-up working days (调休) open.

/** The default hours' weekdays (0 Sunday … 6 Saturday) as ISO weekdays (Monday 1 … Sunday 7). */
export const HISTORY_WEEKDAYS: readonly number[] = DEFAULT_HALL_HOURS.weekdays.map((d) => (d === 0 ? 7 : d));

/** The calendar days of a span of `span` days ending the day before `today`, oldest first. */
export function spanDays(today: string, span: number): string[] {
  return Array.from({ length: span }, (_, i) => addDays(today, i - span));
}

/** The days of the span on which the hall opened. */
export function openDays(today: string, span: number, calendar: CalendarExceptions): string[] {
  return spanDays(today, span).filter((d) => isWorkingDay(d, calendar, HISTORY_WEEKDAYS));
}

// Citizens come most on Mondays and after a holiday's make-up days, least late in the week;
// the year has its own swell: the rush before the Spring Festival and at year end, graduates'
// housing-fund and social-security errands in summer, a lull after the holidays.
const WEEKDAY_FACTOR: Record<number, number> = { 1: 1.18, 2: 1.04, 3: 1, 4: 0.96, 5: 0.9, 6: 0.86, 7: 0.86 };
const MONTH_FACTOR = [1.12, 0.82, 1.02, 1, 0.96, 1.04, 1.1, 1.08, 1.02, 0.92, 1, 1.12];

/** Citizens a normal day would bring before each department is capped at what its windows serve. */
export const BASE_TICKETS_PER_DAY = 2000;

/**
 * How many citizens the day brings (the simulation's ticketsPerDay): the weekday and the
 * season, and a day's own luck of ±10%. Deterministic for a seed and day.
 */
export function dayVolume(day: string, seed: number, scale = 1): number {
  const luck = new SeededRandom(hashSeed(seed, `volume:${day}`)).uniform(0.9, 1.1);
  const month = Number(day.slice(5, 7)) - 1;
  return Math.max(1, Math.round(BASE_TICKETS_PER_DAY * scale * WEEKDAY_FACTOR[isoWeekday(day)] * MONTH_FACTOR[month] * luck));
}
