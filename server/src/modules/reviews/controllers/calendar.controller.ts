import type { CalendarDayView } from '@hallwatch/shared';
import { Body, Delete, Get, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { Clock } from '../../../core/time/clock';
import { badField } from '../../registry/dtos/registry-validation';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { CalendarService } from '../calendar.service';
import { CalendarEditDto, CalendarQuery, CalendarRemoveQuery } from '../dtos/calendar.dto';
import { actorFrom } from '../review-audit';
import { addDays, isCalendarDay, localDay } from '../../../core/time/zoned-time';
import { siteByCode } from './site-param';

// The working-day calendar: holidays and make-up working days (调休) for every site, or
// for one site when `site` is given.
@AdminController('calendar')
export class CalendarController {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'supervisor', 'leader')
  async list(@Query() q: CalendarQuery): Promise<CalendarDayView[]> {
    const site = q.site ? await siteByCode(this.ds, q.site) : null;
    const today = localDay(this.clock.now(), site?.timezone ?? 'Asia/Shanghai');
    return this.calendar.list(site, q.from ?? `${today.slice(0, 4)}-01-01`, q.to ?? addDays(today, 400));
  }

  @Put()
  async set(@Req() req: Request, @Body() body: CalendarEditDto): Promise<CalendarDayView[]> {
    const site = body.site ? await siteByCode(this.ds, body.site) : null;
    return this.calendar.set(site, actorFrom(req), { from: body.from, to: body.to ?? body.from, kind: body.kind, name: body.name });
  }

  @Delete(':day')
  @HttpCode(204)
  async remove(@Req() req: Request, @Param('day') day: string, @Query() q: CalendarRemoveQuery): Promise<void> {
    if (!isCalendarDay(day)) throw badField('day', 'day must be a real date YYYY-MM-DD');
    const site = q.site ? await siteByCode(this.ds, q.site) : null;
    await this.calendar.remove(site, actorFrom(req), day);
  }
}
