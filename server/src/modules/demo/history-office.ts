import { CalendarExceptions, deadlineDay, isWorkingDay } from '../../core/time/working-calendar';
import { addDays, localDay, utcOffsetMinutes, zonedInstant } from '../../core/time/zoned-time';
import { HISTORY_WEEKDAYS } from './history-days';
import { SeededRandom } from './seeded-random';

const MINUTE = 60_000;
const OFFICE_OPENS = 9 * 60;
const OFFICE_CLOSES = 17 * 60;

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * When the people of the demo hall get round to things: calls, replies and confirmations
 * happen in office hours (09:00–17:00) on the hall's working days, a while after what
 * prompted them.
 */
export class OfficeHours {
  constructor(
    private readonly timeZone: string,
    private readonly calendar: CalendarExceptions,
    private readonly rng: SeededRandom,
  ) {}

  /** Some time between `minMin` and `maxMin` minutes after `t`, moved on into office hours. */
  after(t: Date, minMin: number, maxMin: number): Date {
    const x = new Date(t.getTime() + this.rng.int(minMin, maxMin) * MINUTE);
    const day = localDay(x, this.timeZone);
    const minute = (((Math.floor(x.getTime() / MINUTE) + utcOffsetMinutes(x, this.timeZone)) % 1440) + 1440) % 1440;
    if (this.open(day) && minute >= OFFICE_OPENS && minute <= OFFICE_CLOSES) return x;
    if (this.open(day) && minute < OFFICE_OPENS) return this.at(day, OFFICE_OPENS + this.rng.int(0, 60));
    return this.at(this.nextOpen(day), OFFICE_OPENS + this.rng.int(0, 90));
  }

  /** `t`, or the afternoon of a deadline's last day when `t` would be at or past the deadline; never before `floor`. */
  before(t: Date, deadline: Date, floor: Date): Date {
    if (t < deadline) return t;
    const latest = this.at(deadlineDay(deadline, this.timeZone), OFFICE_CLOSES - this.rng.int(10, 120));
    return latest > floor ? latest : new Date(floor.getTime() + this.rng.int(5, 20) * MINUTE);
  }

  private open(day: string): boolean {
    return isWorkingDay(day, this.calendar, HISTORY_WEEKDAYS);
  }

  private nextOpen(day: string): string {
    let d = addDays(day, 1);
    for (let i = 0; i < 40 && !this.open(d); i++) d = addDays(d, 1);
    return d;
  }

  private at(day: string, minute: number): Date {
    return zonedInstant(day, hhmm(minute), this.timeZone);
  }
}
