import type { AlertDispatchView, AlertRecipientView, AlertRuleView, DigestPreview, RoutingChannelView } from '@hallwatch/shared';
import { Body, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../core/openapi/api-errors';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../core/openapi/shared-schema';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { actorFrom } from '../audit/actor';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { findSite } from '../registry/registry-change';
import { AlertRulesService } from './alert-rules.service';
import { DigestsService } from './digests.service';
import { AlertRecipientDto, AlertRuleDto, DigestPreviewQuery } from './dtos/alert-routing.dto';

// Which alerts reach whom (docs/contracts/alert-routing.md): a site's rules, the people they
// @mention, what was sent, and a preview of the digests. Admins only, every change audited.
@ApiTags('alert-routing')
@SitePath()
@AdminController('sites/:site/alert-routing')
export class AlertRoutingController {
  constructor(
    private readonly ds: DataSource,
    private readonly rules: AlertRulesService,
    private readonly digests: DigestsService,
  ) {}

  @ApiJson(listOf(sharedRef('AlertRuleView')), { description: "The site's rules" })
  @Get('rules')
  async listRules(@RequestSite() code: string): Promise<AlertRuleView[]> {
    return this.rules.rules(await findSite(this.ds.manager, code));
  }

  @ApiCreatedJson('AlertRuleView', { description: 'The rule as stored' })
  @Post('rules')
  async createRule(@Req() req: Request, @RequestSite() code: string, @Body() body: AlertRuleDto): Promise<AlertRuleView> {
    return this.rules.saveRule(await findSite(this.ds.manager, code), actorFrom(req), body);
  }

  @ApiJson('AlertRuleView', { description: 'The rule as stored' })
  @ApiErrors(404)
  @Put('rules/:id')
  async updateRule(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: AlertRuleDto,
  ): Promise<AlertRuleView> {
    return this.rules.saveRule(await findSite(this.ds.manager, code), actorFrom(req), body, id);
  }

  @ApiNoContent('Removed')
  @ApiErrors(404)
  @Delete('rules/:id')
  @HttpCode(204)
  async removeRule(@Req() req: Request, @RequestSite() code: string, @Param('id') id: string): Promise<void> {
    await this.rules.removeRule(await findSite(this.ds.manager, code), actorFrom(req), id);
  }

  @ApiJson(listOf(sharedRef('AlertRecipientView')), { description: "The site's recipients" })
  @Get('recipients')
  async listRecipients(@RequestSite() code: string): Promise<AlertRecipientView[]> {
    return this.rules.recipients(await findSite(this.ds.manager, code));
  }

  @ApiCreatedJson('AlertRecipientView', { description: 'The recipient as stored' })
  @Post('recipients')
  async createRecipient(@Req() req: Request, @RequestSite() code: string, @Body() body: AlertRecipientDto): Promise<AlertRecipientView> {
    return this.rules.saveRecipient(await findSite(this.ds.manager, code), actorFrom(req), body);
  }

  @ApiJson('AlertRecipientView', { description: 'The recipient as stored' })
  @ApiErrors(404)
  @Put('recipients/:id')
  async updateRecipient(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: AlertRecipientDto,
  ): Promise<AlertRecipientView> {
    return this.rules.saveRecipient(await findSite(this.ds.manager, code), actorFrom(req), body, id);
  }

  @ApiNoContent('Removed, and no longer @mentioned by any rule')
  @ApiErrors(404)
  @Delete('recipients/:id')
  @HttpCode(204)
  async removeRecipient(@Req() req: Request, @RequestSite() code: string, @Param('id') id: string): Promise<void> {
    await this.rules.removeRecipient(await findSite(this.ds.manager, code), actorFrom(req), id);
  }

  @ApiJson(listOf(sharedRef('RoutingChannelView')), {
    description: "The notify channels a rule of the site may use: the site's own and those of the sites above it",
  })
  @Get('channels')
  async channels(@RequestSite() code: string): Promise<RoutingChannelView[]> {
    return this.rules.channels(await findSite(this.ds.manager, code));
  }

  @ApiJson(listOf(sharedRef('AlertDispatchView')), {
    description: 'The latest 50 messages routed for the site: sent, held for quiet hours, or carried by a digest',
  })
  @Get('dispatches')
  async dispatches(@RequestSite() code: string): Promise<AlertDispatchView[]> {
    return this.rules.dispatches(await findSite(this.ds.manager, code));
  }

  @ApiJson('DigestPreview', { description: "Today's daily digest (or last week's weekly one) as it would be sent now" })
  @Get('digest-preview')
  async preview(@RequestSite() code: string, @Query() q: DigestPreviewQuery): Promise<DigestPreview> {
    return this.digests.preview(await findSite(this.ds.manager, code), q.kind ?? 'daily');
  }
}
