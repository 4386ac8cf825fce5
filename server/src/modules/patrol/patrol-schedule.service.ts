import {
  CalendarDayView,
  DEFAULT_ROUND_TIMES,
  DEFAULT_ROUND_WEEKDAYS,
  PatrolCalendarDayView,
  PatrolScheduleView,
  ROUND_MISSED_AFTER_MIN,
  ROUND_OVERDUE_AFTER_MIN,
} from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { CalendarService } from '../calendar/calendar.service';
import type { Actor } from '../audit/actor';
import { CalendarDayDto, UpdateScheduleDto } from './dtos/schedule.dto';
import { PatrolSchedule } from './entities/patrol-schedule.entity';
import { ensureCheckpoints } from './patrol-checkpoints.service';
import { isCalendarDay } from '../../core/time/zoned-time';

const scheduleView = (site: Site, s: PatrolSchedule | null): PatrolScheduleView => ({
  site: site.code,
  enabled: s?.enabled ?? false,
  times: s?.times ?? [...DEFAULT_ROUND_TIMES],
  weekdays: s?.weekdays ?? [...DEFAULT_ROUND_WEEKDAYS],
  overdueAfterMin: ROUND_OVERDUE_AFTER_MIN,
  missedAfterMin: ROUND_MISSED_AFTER_MIN,
});

// The working calendar requires a name and the patrol API does not: a day given none is stored
// with '' and reads back on the patrol side as null, as it always has.
const NO_NAME = '';
const calendarView = (d: CalendarDayView): PatrolCalendarDayView => ({
  day: d.day,
  kind: d.kind,
  name: d.name === NO_NAME ? null : d.name,
});

function checkDay(day: string): void {
  if (!isCalendarDay(day)) throw badField('day', `day must be a date written YYYY-MM-DD, e.g. 2024-10-01; got "${day}"`);
}

/**
 * Round times and the holiday calendar of a site. Built on a DataSource so that the CLI
 * uses the same rules; a change reaches the rounds when the schedule is next synced (at
 * once through the API, within a sweep from the CLI).
 *
 * The calendar is the hall's one working calendar, seen from the site: an edit here is the
 * site's own entry, made through CalendarService so that it moves the deadlines of open
 * follow-ups and is audited like any other calendar edit.
 */
@Injectable()
export class PatrolScheduleService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  async site(code: string): Promise<Site> {
    return findSite(this.ds.manager, code);
  }

  async getSchedule(siteCode: string): Promise<PatrolScheduleView> {
    const site = await this.site(siteCode);
    return scheduleView(site, await this.ds.getRepository(PatrolSchedule).findOneBy({ siteId: site.id }));
  }

  /**
   * Enabling patrol for a site with no schedule yet takes the default times and weekdays, and
   * the default checklist. `now` is the application clock's (the CLI passes the real time).
   */
  async updateSchedule(siteCode: string, input: UpdateScheduleDto, now: Date = new Date()): Promise<PatrolScheduleView> {
    return this.ds.transaction(async (em) => {
      const site = await findSite(em, siteCode);
      const current = await em.findOneBy(PatrolSchedule, { siteId: site.id });
      const next: Pick<PatrolSchedule, 'siteId' | 'enabled' | 'times' | 'weekdays' | 'plannedFrom'> = {
        siteId: site.id,
        enabled: input.enabled ?? current?.enabled ?? true,
        times: input.times ? [...input.times].sort() : (current?.times ?? [...DEFAULT_ROUND_TIMES]),
        weekdays: input.weekdays ? [...input.weekdays].sort((a, b) => a - b) : (current?.weekdays ?? [...DEFAULT_ROUND_WEEKDAYS]),
        plannedFrom: current?.plannedFrom ?? now,
      };
      const changed =
        !current ||
        current.enabled !== next.enabled ||
        current.times.join() !== next.times.join() ||
        current.weekdays.join() !== next.weekdays.join();
      if (changed) next.plannedFrom = now;
      await em.save(PatrolSchedule, next);
      if (next.enabled) await ensureCheckpoints(em, site.id);
      return scheduleView(site, await em.findOneByOrFail(PatrolSchedule, { siteId: site.id }));
    });
  }

  /**
   * The days that decide the site's rounds: its own entries, and those for every site where it
   * has none of its own. Whoever plans the rounds wants to see 国庆 here whichever way it was entered.
   */
  async listCalendar(siteCode: string, from?: string, to?: string): Promise<PatrolCalendarDayView[]> {
    const site = await this.site(siteCode);
    if (from) checkDay(from);
    if (to) checkDay(to);
    const byDay = new Map<string, CalendarDayView>();
    for (const d of await this.calendar.list(site, from, to)) if (!byDay.has(d.day) || d.site) byDay.set(d.day, d);
    return [...byDay.values()].map(calendarView);
  }

  async setCalendarDay(siteCode: string, day: string, input: CalendarDayDto, who: Actor): Promise<PatrolCalendarDayView> {
    checkDay(day);
    const site = await this.site(siteCode);
    const days = await this.calendar.set(site, who, { from: day, to: day, kind: input.kind, name: input.name ?? NO_NAME });
    return calendarView(days.find((d) => d.site === site.code)!);
  }

  /** Removes the site's own entry; an entry for every site stays, and is changed in the working calendar. */
  async removeCalendarDay(siteCode: string, day: string, who: Actor): Promise<void> {
    checkDay(day);
    const site = await this.site(siteCode);
    try {
      await this.calendar.remove(site, who, day);
    } catch (err) {
      if (!(err instanceof NotFoundException)) throw err;
      const everySite = (await this.calendar.list(null, day, day)).length > 0;
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `Site "${site.code}" has no calendar entry for ${day}${everySite ? ' of its own; the entry for every site is changed in the working calendar' : ''}`,
      });
    }
  }

  async isEnabled(em: EntityManager, siteId: string): Promise<boolean> {
    return (await em.findOneBy(PatrolSchedule, { siteId }))?.enabled ?? false;
  }
}
