import { PatrolEventsApi } from '../../ingest/events.api';
import { IngestResponse, PATROL_PHOTO_MAX_BYTES, PATROL_WALKER_ROLES, PatrolNoticeView, PatrolTodayView } from '@hallwatch/shared';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res, UsePipes } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../../../core/auth/auth-rules';
import { adminValidationPipe } from '../../../core/validation/input-validation';
import { type Actor, CurrentActor } from '../../audit/actor';
import { IssueNoticeDto } from '../dtos/notice.dto';
import { PatrolEventsService } from '../patrol-events.service';
import { PatrolNoticesService } from '../patrol-notices.service';
import { PatrolPhotosService } from '../patrol-photos.service';
import { readLimited } from '../photo-upload';
import { PatrolScheduleService } from '../patrol-schedule.service';
import { PatrolTodayService } from '../patrol-today.service';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiFile, ApiJson } from '../../../core/openapi/shared-schema';

/** The patrol page's API: today's rounds, round events, finding photos and notices, for whoever walks the round. */
@SitePath()
@Controller('api/v1/patrol/sites/:site')
@Roles(...PATROL_WALKER_ROLES)
export class PatrolController {
  constructor(
    private readonly today: PatrolTodayService,
    private readonly events: PatrolEventsService,
    private readonly photos: PatrolPhotosService,
    private readonly notices: PatrolNoticesService,
    private readonly schedule: PatrolScheduleService,
  ) {}

  @ApiJson('PatrolTodayView')
  @Get('today')
  getToday(@RequestSite() site: string): Promise<PatrolTodayView> {
    return this.today.today(site);
  }

  /**
   * round.started / round.check / round.completed, one result per event as the ingest API
   * answers; the patroller the events name is the signed-in account, whatever the page sent.
   */
  @ApiJson('IngestResponse')
  @Post('events')
  @PatrolEventsApi()
  @HttpCode(200)
  async postEvents(@RequestSite() code: string, @CurrentActor() who: Actor, @Body() body: unknown): Promise<IngestResponse> {
    return this.events.post(await this.schedule.site(code), body, who.actor);
  }

  /** The photo of a finding, as the raw image body; the same check id again is the same photo. */
  @ApiJson(
    {
      type: 'object',
      required: ['check', 'type', 'size'],
      properties: { check: { type: 'string' }, type: { type: 'string', example: 'image/jpeg' }, size: { type: 'integer' } },
    },
    { description: 'Stored (201 the first time, 200 when the same photo was already stored)' },
  )
  @Put('photos/:check')
  async putPhoto(
    @RequestSite() code: string,
    @Param('check') check: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const site = await this.schedule.site(code);
    const bytes = await readLimited(req, PATROL_PHOTO_MAX_BYTES);
    const stored = await this.photos.store(site, check, bytes);
    res.status(stored.created ? 201 : 200);
    return { check, type: stored.type, size: stored.size };
  }

  @ApiFile('image/jpeg', 'The photo as stored (JPEG or PNG)')
  @Get('photos/:check')
  async getPhoto(@RequestSite() code: string, @Param('check') check: string, @Res() res: Response): Promise<void> {
    const photo = await this.photos.read(await this.schedule.site(code), check);
    res.setHeader('content-type', photo.type);
    res.setHeader('cache-control', 'private, max-age=86400');
    res.send(photo.bytes);
  }

  @ApiCreatedJson('PatrolNoticeView')
  @Post('notices')
  @UsePipes(adminValidationPipe())
  async issueNotice(
    @RequestSite() code: string,
    @CurrentActor() who: Actor,
    @Body() body: IssueNoticeDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatrolNoticeView> {
    const { notice, created } = await this.notices.issue(await this.schedule.site(code), who.actor, body);
    res.status(created ? 201 : 200);
    return notice;
  }
}
