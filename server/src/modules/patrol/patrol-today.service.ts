import { indicatorSettings } from '../registry/indicator-settings';
import { NOTICE_WORKING_DAYS, PatrolTodayView } from '@hallwatch/shared';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { utcOffsetMinutes } from '../../core/time/zoned-time';
import { Department } from '../registry/department.entity';
import { HallWindow } from '../registry/hall-window.entity';
import { findSite } from '../registry/registry-change';
import { PatrolCheck } from './entities/patrol-check.entity';
import { PatrolCheckpoint } from './entities/patrol-checkpoint.entity';
import { PatrolRound } from './entities/patrol-round.entity';
import { PatrolSchedule } from './entities/patrol-schedule.entity';
import { isPatrolDay, nextWorkingDays } from './patrol-calendar';
import { PatrolJobsProducer } from './jobs/patrol-jobs.producer';
import { RoundPlanner } from './round-planner.service';
import { checkpointView, roundView } from './patrol-views';

/** What the patrol page needs for the day: the rounds with their checks, the checklist, and the hall's departments and windows. */
@Injectable()
export class PatrolTodayService {
  private readonly logger = new Logger('patrol');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly planner: RoundPlanner,
    private readonly producer: PatrolJobsProducer,
  ) {}

  async today(siteCode: string): Promise<PatrolTodayView> {
    const site = await findSite(this.ds.manager, siteCode);
    const now = this.clock.now();
    const day = serviceDay(now, site.timezone);
    // The page may ask before any worker has planned the day (patrol just enabled): plan it now, once.
    const planned = await this.planner.planDay(site, day, now);
    if (planned.created)
      await this.producer
        .ensureSite(site.id)
        .catch((err: Error) => this.logger.warn(`could not schedule ${site.code}'s rounds: ${err.message}`));
    const schedule = await this.ds.getRepository(PatrolSchedule).findOneBy({ siteId: site.id });
    const rounds = await this.ds.getRepository(PatrolRound).find({ where: { siteId: site.id, day }, order: { slot: 'ASC' } });
    const checks = rounds.length
      ? await this.ds
          .getRepository(PatrolCheck)
          .find({ where: { roundId: In(rounds.map((r) => r.id)) }, order: { occurredAt: 'ASC', eventId: 'ASC' } })
      : [];
    const checkpoints = await this.ds
      .getRepository(PatrolCheckpoint)
      .find({ where: { siteId: site.id, active: true }, order: { position: 'ASC', code: 'ASC' } });
    const departments = await this.ds.getRepository(Department).find({ where: { siteId: site.id }, order: { code: 'ASC' } });
    const settings = indicatorSettings(site.settings);
    const windows = await this.ds.getRepository(HallWindow).find({ where: { siteId: site.id }, order: { number: 'ASC' } });
    return {
      site: { code: site.code, name: site.name, nameEn: site.nameEn, timezone: site.timezone },
      day,
      serverTime: now.toISOString(),
      utcOffsetMinutes: utcOffsetMinutes(now, site.timezone),
      enabled: schedule?.enabled ?? false,
      workingDay: schedule ? await isPatrolDay(this.ds.manager, schedule, day) : false,
      nextWorkingDays: await nextWorkingDays(this.ds.manager, site.id, day, NOTICE_WORKING_DAYS[NOTICE_WORKING_DAYS.length - 1]),
      rounds: rounds.map((r) =>
        roundView(
          r,
          checks.filter((c) => c.roundId === r.id),
        ),
      ),
      walkRules: { windowLeadMin: settings.roundWindowLeadMin, minDurationSec: settings.roundMinDurationSec },
      checkpoints: checkpoints.map(checkpointView),
      departments: departments.map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn })),
      windows: windows.map((w) => ({ code: w.code, number: w.number, department: w.departmentCode })),
    };
  }
}
