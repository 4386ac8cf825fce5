import { type CalendarDayView, DEFAULT_TIME_ZONE } from '@hallwatch/shared';
import { Body, Delete, Get, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth-rules';
import { CurrentPrincipal } from '../../core/auth/principal';
import type { Principal } from '../../core/auth/principal';
import { RequestSite, requireAllSites } from '../../core/auth/request-site';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { CalendarService } from './calendar.service';
import { CalendarEditDto, CalendarQuery, CalendarSiteQuery } from './calendar.dto';
import { actorFrom } from '../audit/actor';
import { addDays, isCalendarDay, localDay } from '../../core/time/zoned-time';
import { ApiJson, ApiNoContent, listOf, sharedRef } from '../../core/openapi/shared-schema';

// The working-day calendar: holidays and make-up working days (调休) for every site, or for
// the one site named in ?site=. A day with no site moves every site's deadlines and patrol
// rounds, so only an account of every site changes those.
@AdminController('calendar')
export class CalendarController {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @ApiJson(listOf(sharedRef('CalendarDayView')))
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  async list(@RequestSite() code: string | undefined, @Query() q: CalendarQuery): Promise<CalendarDayView[]> {
    const site = code ? await findSite(this.ds.manager, code) : null;
    const today = localDay(this.clock.now(), site?.timezone ?? DEFAULT_TIME_ZONE);
    return this.calendar.list(site, q.from ?? `${today.slice(0, 4)}-01-01`, q.to ?? addDays(today, 400));
  }

  @ApiJson(listOf(sharedRef('CalendarDayView')))
  @Put()
  async set(
    @Req() req: Request,
    @CurrentPrincipal() p: Principal,
    @RequestSite() code: string | undefined,
    @Query() _q: CalendarSiteQuery,
    @Body() body: CalendarEditDto,
  ): Promise<CalendarDayView[]> {
    const site = await this.editedSite(p, code);
    return this.calendar.set(site, actorFrom(req), { from: body.from, to: body.to ?? body.from, kind: body.kind, name: body.name });
  }

  @ApiNoContent()
  @Delete(':day')
  @HttpCode(204)
  async remove(
    @Req() req: Request,
    @CurrentPrincipal() p: Principal,
    @RequestSite() code: string | undefined,
    @Param('day') day: string,
    @Query() _q: CalendarSiteQuery,
  ): Promise<void> {
    if (!isCalendarDay(day)) throw badField('day', 'day must be a real date YYYY-MM-DD');
    await this.calendar.remove(await this.editedSite(p, code), actorFrom(req), day);
  }

  private async editedSite(p: Principal, code: string | undefined): Promise<Site | null> {
    if (code) return findSite(this.ds.manager, code);
    requireAllSites(p, 'site', 'The calendar of every site (a day without ?site=)');
    return null;
  }
}
