import {
  DEFAULT_ROUND_TIMES,
  DEFAULT_ROUND_WEEKDAYS,
  PatrolCalendarDayView,
  PatrolScheduleView,
  ROUND_MISSED_AFTER_MIN,
  ROUND_OVERDUE_AFTER_MIN,
} from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { badField } from '../registry/dtos/registry-validation';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { CalendarDayDto, UpdateScheduleDto } from './dtos/schedule.dto';
import { PatrolCalendarDay } from './entities/patrol-calendar-day.entity';
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

const calendarView = (d: PatrolCalendarDay): PatrolCalendarDayView => ({ day: d.day, kind: d.kind, name: d.name });

function checkDay(day: string): void {
  if (!isCalendarDay(day)) throw badField('day', `day must be a date written YYYY-MM-DD, e.g. 2024-10-01; got "${day}"`);
}

/**
 * Round times and the holiday calendar of a site. Built on a DataSource so that the CLI
 * uses the same rules; a change reaches the rounds when the schedule is next synced (at
 * once through the API, within a sweep from the CLI).
 */
@Injectable()
export class PatrolScheduleService {
  constructor(private readonly ds: DataSource) {}

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

  async listCalendar(siteCode: string, from?: string, to?: string): Promise<PatrolCalendarDayView[]> {
    const site = await this.site(siteCode);
    if (from) checkDay(from);
    if (to) checkDay(to);
    const qb = this.ds.getRepository(PatrolCalendarDay).createQueryBuilder('d').where('d.site_id = :id', { id: site.id });
    if (from) qb.andWhere('d.day >= :from', { from });
    if (to) qb.andWhere('d.day <= :to', { to });
    return (await qb.orderBy('d.day').getMany()).map(calendarView);
  }

  async setCalendarDay(siteCode: string, day: string, input: CalendarDayDto): Promise<PatrolCalendarDayView> {
    checkDay(day);
    const site = await this.site(siteCode);
    await this.ds.getRepository(PatrolCalendarDay).save({ siteId: site.id, day, kind: input.kind, name: input.name ?? null });
    return calendarView(await this.ds.getRepository(PatrolCalendarDay).findOneByOrFail({ siteId: site.id, day }));
  }

  async removeCalendarDay(siteCode: string, day: string): Promise<void> {
    checkDay(day);
    const site = await this.site(siteCode);
    const res = await this.ds.getRepository(PatrolCalendarDay).delete({ siteId: site.id, day });
    if (!res.affected)
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site.code}" has no calendar entry for ${day}` });
  }

  async isEnabled(em: EntityManager, siteId: string): Promise<boolean> {
    return (await em.findOneBy(PatrolSchedule, { siteId }))?.enabled ?? false;
  }
}
