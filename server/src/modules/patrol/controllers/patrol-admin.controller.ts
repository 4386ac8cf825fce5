import {
  PATROL_OFFICE_ROLES,
  PatrolCalendarDayView,
  PatrolCheckpointCodeView,
  PatrolCheckpointView,
  PatrolScheduleView,
} from '@hallwatch/shared';
import { Body, Delete, Get, HttpCode, Logger, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Roles } from '../../../core/auth/auth-rules';
import { Clock } from '../../../core/time/clock';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { actorFrom } from '../../audit/actor';
import { CreateCheckpointDto, UpdateCheckpointDto } from '../dtos/checkpoint.dto';
import { CalendarDayDto, UpdateScheduleDto } from '../dtos/schedule.dto';
import { PatrolSync } from '../jobs/patrol-sync.service';
import { PatrolCheckpointsService } from '../patrol-checkpoints.service';
import { PatrolScheduleService } from '../patrol-schedule.service';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

/** Round times, the holiday calendar and the checklist of a site. */
@SitePath()
@AdminController('sites/:site/patrol')
export class PatrolAdminController {
  private readonly logger = new Logger('patrol');

  constructor(
    private readonly schedule: PatrolScheduleService,
    private readonly checkpoints: PatrolCheckpointsService,
    private readonly sync: PatrolSync,
    private readonly clock: Clock,
  ) {}

  @ApiJson('PatrolScheduleView')
  @Get('schedule')
  @Roles(...PATROL_OFFICE_ROLES)
  getSchedule(@RequestSite() site: string): Promise<PatrolScheduleView> {
    return this.schedule.getSchedule(site);
  }

  @ApiJson('PatrolScheduleView')
  @Put('schedule')
  async putSchedule(@RequestSite() site: string, @Body() body: UpdateScheduleDto): Promise<PatrolScheduleView> {
    const view = await this.schedule.updateSchedule(site, body, this.clock.now());
    await this.resync(site);
    return view;
  }

  @ApiJson(listOf(sharedRef('PatrolCalendarDayView')))
  @Get('calendar')
  @Roles(...PATROL_OFFICE_ROLES)
  calendar(@RequestSite() site: string, @Query('from') from?: string, @Query('to') to?: string): Promise<PatrolCalendarDayView[]> {
    return this.schedule.listCalendar(site, from, to);
  }

  @ApiJson('PatrolCalendarDayView')
  @Put('calendar/:day')
  async putDay(
    @Req() req: Request,
    @RequestSite() site: string,
    @Param('day') day: string,
    @Body() body: CalendarDayDto,
  ): Promise<PatrolCalendarDayView> {
    const view = await this.schedule.setCalendarDay(site, day, body, actorFrom(req));
    await this.resync(site);
    return view;
  }

  @ApiNoContent()
  @Delete('calendar/:day')
  @HttpCode(204)
  async deleteDay(@Req() req: Request, @RequestSite() site: string, @Param('day') day: string): Promise<void> {
    await this.schedule.removeCalendarDay(site, day, actorFrom(req));
    await this.resync(site);
  }

  @ApiJson(listOf(sharedRef('PatrolCheckpointView')))
  @Get('checkpoints')
  @Roles(...PATROL_OFFICE_ROLES)
  listCheckpoints(@RequestSite() site: string, @Query('all') all?: string): Promise<PatrolCheckpointView[]> {
    return this.checkpoints.list(site, all === 'true');
  }

  @ApiJson(listOf(sharedRef('PatrolCheckpointCodeView')))
  @Get('checkpoint-codes')
  @Roles(...PATROL_OFFICE_ROLES)
  checkpointCodes(@RequestSite() site: string): Promise<PatrolCheckpointCodeView[]> {
    return this.checkpoints.codes(site);
  }

  @ApiJson('PatrolCheckpointCodeView')
  @Post('checkpoints/:code/rotate-code')
  @HttpCode(200)
  rotateCode(@RequestSite() site: string, @Param('code') code: string): Promise<PatrolCheckpointCodeView> {
    return this.checkpoints.rotateCode(site, code);
  }

  @ApiCreatedJson('PatrolCheckpointView')
  @Post('checkpoints')
  createCheckpoint(@RequestSite() site: string, @Body() body: CreateCheckpointDto): Promise<PatrolCheckpointView> {
    return this.checkpoints.create(site, body);
  }

  @ApiJson('PatrolCheckpointView')
  @Patch('checkpoints/:code')
  updateCheckpoint(
    @RequestSite() site: string,
    @Param('code') code: string,
    @Body() body: UpdateCheckpointDto,
  ): Promise<PatrolCheckpointView> {
    return this.checkpoints.update(site, code, body);
  }

  /** Retires the checkpoint; its past checks and findings stay. */
  @ApiNoContent()
  @Delete('checkpoints/:code')
  @HttpCode(204)
  async retireCheckpoint(@RequestSite() site: string, @Param('code') code: string): Promise<void> {
    await this.checkpoints.retire(site, code);
  }

  /** The rounds follow the change at once; with Redis away, the next sweep schedules them. */
  private async resync(siteCode: string): Promise<void> {
    try {
      await this.sync.syncSite(await this.schedule.site(siteCode));
    } catch (err) {
      this.logger.warn(`patrol schedule of ${siteCode} saved; rounds follow at the next sweep (${(err as Error).message})`);
    }
  }
}
