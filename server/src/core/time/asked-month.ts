import { badField } from '../validation/input-validation';
import { localMonth } from './zoned-time';

/** The month a report asks for (YYYY-MM), or the hall's current one; a month still to come has nothing to report. */
export function askedMonth(now: Date, timeZone: string, asked: string | undefined): string {
  const current = localMonth(now, timeZone);
  if (asked === undefined) return current;
  if (asked > current) throw badField('month', `month ${asked} has not begun yet (the hall's month is ${current})`);
  return asked;
}
