import { IndicatorHistoryResponse, IndicatorSnapshot, WALL_READER_ROLES } from '@hallwatch/shared';
import { BadRequestException, Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth-rules';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';
import { isCalendarDay, isIndicatorId, readHourlyHistory } from './history-query';
import { IndicatorsService } from './indicators.service';
import { sqlOn } from './sql';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { ApiJson } from '../../core/openapi/shared-schema';

// The wall's reads: a display token of the site, or a person who watches the hall.
// Every route here is under :site.
@SitePath()
@Controller('api/v1/sites')
@Roles(...WALL_READER_ROLES)
export class IndicatorsController {
  constructor(
    private readonly ds: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly clock: Clock,
  ) {}

  /** The same snapshot the live socket sends on connect. */
  @ApiJson('IndicatorSnapshot')
  @Get(':site/indicators')
  async get(@RequestSite() code: string): Promise<IndicatorSnapshot> {
    return this.indicators.snapshot(await this.site(code));
  }

  /** One indicator per hall-local hour of a day (`day=today` or YYYY-MM-DD), site level or `department=`. */
  @ApiJson('IndicatorHistoryResponse')
  @Get(':site/indicators/history')
  async history(
    @RequestSite() code: string,
    @Query('indicator') indicator: unknown,
    @Query('day') day: unknown,
    @Query('department') department: unknown,
  ): Promise<IndicatorHistoryResponse> {
    if (!isIndicatorId(indicator)) throw new BadRequestException(`indicator: expected one of the indicator ids, e.g. reviews.good_rate`);
    if (department !== undefined && (typeof department !== 'string' || !department))
      throw new BadRequestException('department: expected a department code');
    const site = await this.site(code);
    const wanted = day === undefined || day === 'today' ? serviceDay(this.clock.now(), site.timezone) : day;
    if (typeof wanted !== 'string' || !isCalendarDay(wanted)) throw new BadRequestException('day: expected "today" or a date YYYY-MM-DD');
    const dept = typeof department === 'string' ? department : null;
    const points = await readHourlyHistory(sqlOn(this.ds.manager), site.id, site.timezone, wanted, indicator, dept);
    return { site: site.code, indicator, department: dept, day: wanted, points };
  }

  private async site(code: string): Promise<Site> {
    const site = await this.ds.getRepository(Site).findOneBy({ code });
    if (!site) throw new NotFoundException(`No site with code "${code}"`);
    return site;
  }
}
