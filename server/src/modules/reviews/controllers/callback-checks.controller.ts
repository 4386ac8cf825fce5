import {
  CALLBACK_CHECK_READER_ROLES,
  type CallbackCheckListView,
  type CallbackCheckView,
  type CallbackSummaryView,
  type PhoneRevealView,
} from '@hallwatch/shared';
import { Body, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { actorFrom } from '../../audit/actor';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { CallbackChecksService } from '../callback-checks.service';
import { CallbackAnswerDto, CallbackCheckListQuery, CallbackSummaryQuery } from '../dtos/callback-check.dto';
import { siteByCode } from './site-param';
import { ApiJson } from '../../../core/openapi/shared-schema';

// 回访核实: the closures drawn for a second callback, the verifier's audited phone reveal and the
// citizen's answer, and the month's figures per department. Leaders read; supervisors and admins
// call back, never on a case they handled themselves (the service refuses that).
@SitePath()
@AdminController('sites/:site/callback-checks')
export class CallbackChecksController {
  constructor(
    private readonly ds: DataSource,
    private readonly checks: CallbackChecksService,
  ) {}

  @ApiJson('CallbackCheckListView')
  @Get()
  @Roles(...CALLBACK_CHECK_READER_ROLES)
  async list(@RequestSite() code: string, @Query() q: CallbackCheckListQuery): Promise<CallbackCheckListView> {
    return this.checks.list(await siteByCode(this.ds, code), q.status ?? 'pending', q.month ?? null, q.department ?? null);
  }

  /** Per department that owned the cases, per hall-local month: what the monthly department table reads. */
  @ApiJson('CallbackSummaryView')
  @Get('summary')
  @Roles(...CALLBACK_CHECK_READER_ROLES)
  async summary(@RequestSite() code: string, @Query() q: CallbackSummaryQuery): Promise<CallbackSummaryView> {
    return this.checks.summary(await siteByCode(this.ds, code), q.month ?? null);
  }

  @ApiJson('CallbackCheckView')
  @Get(':id')
  @Roles(...CALLBACK_CHECK_READER_ROLES)
  async get(@RequestSite() code: string, @Param('id') id: string): Promise<CallbackCheckView> {
    return this.checks.get(await siteByCode(this.ds, code), id);
  }

  /** POST, not GET: a reveal is an act that is recorded, and must never be cached or prefetched. */
  @ApiJson('PhoneRevealView')
  @Post(':id/phone')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async reveal(@Req() req: Request, @RequestSite() code: string, @Param('id') id: string): Promise<PhoneRevealView> {
    return this.checks.revealPhone(await siteByCode(this.ds, code), id, actorFrom(req));
  }

  @ApiJson('CallbackCheckView')
  @Post(':id/answer')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async answer(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: CallbackAnswerDto,
  ): Promise<CallbackCheckView> {
    return this.checks.answer(await siteByCode(this.ds, code), id, actorFrom(req), body);
  }
}
