import { NOTIFY_ADMIN_ROLES, type ChannelTestResult, type ChannelView, type DeliveryView } from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth-rules';
import { ApiError, ApiErrors } from '../../core/openapi/api-errors';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { actorFrom } from '../audit/actor';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { findSite } from '../registry/registry-change';
import { ChannelsService } from './channels.service';
import {
  ChannelCreateDto,
  ChannelIdParam,
  ChannelTestResultDto,
  ChannelUpdateDto,
  ChannelViewDto,
  DeliveryQuery,
  DeliveryViewDto,
} from './dtos';

// A site's notification channels and their delivery log, for its admins (docs/notifications.md).
@ApiTags('notify')
@SitePath()
@AdminController('sites/:site/notify')
export class NotifyController {
  constructor(
    private readonly ds: DataSource,
    private readonly channels: ChannelsService,
  ) {}

  @Get('channels')
  @Roles(...NOTIFY_ADMIN_ROLES)
  @ApiOkResponse({ type: ChannelViewDto, isArray: true, description: 'The site’s channels; secret fields as masked hints only' })
  async list(@RequestSite() code: string): Promise<ChannelView[]> {
    return this.channels.list(await findSite(this.ds.manager, code));
  }

  @Post('channels')
  @Roles(...NOTIFY_ADMIN_ROLES)
  @ApiBody({ type: ChannelCreateDto })
  @ApiCreatedResponse({ type: ChannelViewDto })
  @ApiError(400, 'A field is missing or wrong; `field` names it')
  async create(@Req() req: Request, @RequestSite() code: string, @Body() body: ChannelCreateDto): Promise<ChannelView> {
    return this.channels.create(await findSite(this.ds.manager, code), actorFrom(req), body);
  }

  @Put('channels/:id')
  @Roles(...NOTIFY_ADMIN_ROLES)
  @ApiParam({ name: 'id', description: 'Channel id' })
  @ApiBody({ type: ChannelUpdateDto })
  @ApiOkResponse({ type: ChannelViewDto })
  @ApiError(400, 'A field is wrong; `field` names it')
  @ApiErrors(404)
  async update(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param() p: ChannelIdParam,
    @Body() body: ChannelUpdateDto,
  ): Promise<ChannelView> {
    return this.channels.update(await findSite(this.ds.manager, code), actorFrom(req), p.id, body);
  }

  @Post('channels/:id/test')
  @HttpCode(200)
  @Roles(...NOTIFY_ADMIN_ROLES)
  @ApiParam({ name: 'id', description: 'Channel id' })
  @ApiOkResponse({
    type: ChannelTestResultDto,
    description: 'The channel’s answer to a test message (or that it is still queued after 15 s)',
  })
  @ApiError(400, 'The channel is disabled (`field`: enabled)')
  @ApiErrors(404)
  async test(@Req() req: Request, @RequestSite() code: string, @Param() p: ChannelIdParam): Promise<ChannelTestResult> {
    return this.channels.test(await findSite(this.ds.manager, code), actorFrom(req), p.id);
  }

  @Get('deliveries')
  @Roles(...NOTIFY_ADMIN_ROLES)
  @ApiOkResponse({ type: DeliveryViewDto, isArray: true, description: 'Newest first, with the channel’s last answer' })
  @ApiError(400, 'A filter is wrong; `field` names it')
  async deliveries(@RequestSite() code: string, @Query() q: DeliveryQuery): Promise<DeliveryView[]> {
    return this.channels.deliveries(await findSite(this.ds.manager, code), q);
  }
}
