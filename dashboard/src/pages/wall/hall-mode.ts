import { IndicatorValues, WindowState } from '@hallwatch/shared';
import { clockMinutes, HallClock } from './format';

// Until sites carry their opening hours, the wall assumes a weekday hall's. It only
// matters when the hall is quiet: a queue or a staffed window always means "open".
export const HALL_HOURS = { opens: '08:30', closes: '17:30', workdays: [1, 2, 3, 4, 5] };

/**
 * open: the live figures and windows; closed: outside hours (evening, weekend) with nobody
 * waiting and no window staffed; no_data: within hours but nothing at all recorded today
 * (a holiday, or the devices not reporting): said as such, not as a wall of zeros.
 */
export type HallMode = 'open' | 'closed' | 'no_data';

export function hallMode(values: IndicatorValues, windows: WindowState[], clock: HallClock): HallMode {
  const busy = (values['queue.waiting'] ?? 0) > 0 || (values['windows.open'] ?? 0) > 0;
  if (busy) return 'open';
  const workday = HALL_HOURS.workdays.includes(clock.weekdayIndex);
  const inHours = clock.minuteOfDay >= clockMinutes(HALL_HOURS.opens) && clock.minuteOfDay < clockMinutes(HALL_HOURS.closes);
  if (!workday || !inHours) return 'closed';
  const nothingToday = (values['queue.served'] ?? 0) === 0 && values['queue.wait.avg'] == null && windows.every((w) => w.since === null);
  return nothingToday ? 'no_data' : 'open';
}
