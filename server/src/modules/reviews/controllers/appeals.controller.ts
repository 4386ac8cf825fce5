import type { AppealView, ReviewAuditView } from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { AppealsService } from '../appeals.service';
import { AppealListQuery, AuditQuery, DecideAppealDto, FileAppealDto } from '../dtos/appeal.dto';
import { actorFrom } from '../../audit/actor';
import { readAudit } from '../review-audit';
import { siteByCode } from './site-param';
import { RequestDepartment, RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, listOf, sharedRef } from '../../../core/openapi/shared-schema';

// 申诉 and the audit trail. Filing is a department's act (its own account's, or a supervisor's or
// admin's for it); deciding is a supervisor's or admin's who did not file it. Both are recorded
// under the signed-in account; leaders may read the appeals, not the review audit.
@SitePath()
@AdminController('sites/:site')
export class AppealsController {
  constructor(
    private readonly ds: DataSource,
    private readonly appeals: AppealsService,
  ) {}

  @ApiCreatedJson('AppealView')
  @Post('reviews/:reviewId/appeal')
  @Roles('admin', 'supervisor', 'department')
  async file(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Param('reviewId') reviewId: string,
    @Body() body: FileAppealDto,
  ): Promise<AppealView> {
    return this.appeals.file(await siteByCode(this.ds, code), reviewId, actorFrom(req), body, scope);
  }

  @ApiJson(listOf(sharedRef('AppealView')))
  @Get('appeals')
  @Roles('admin', 'supervisor', 'leader', 'department')
  async list(
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Query() q: AppealListQuery,
  ): Promise<AppealView[]> {
    return this.appeals.list(await siteByCode(this.ds, code), q.status ?? null, scope);
  }

  @ApiJson('AppealView')
  @Get('appeals/:id')
  @Roles('admin', 'supervisor', 'leader', 'department')
  async get(@RequestSite() code: string, @RequestDepartment() scope: string | undefined, @Param('id') id: string): Promise<AppealView> {
    return this.appeals.get(await siteByCode(this.ds, code), id, scope);
  }

  @ApiJson('AppealView')
  @Post('appeals/:id/decision')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async decide(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: DecideAppealDto,
  ): Promise<AppealView> {
    return this.appeals.decide(await siteByCode(this.ds, code), id, actorFrom(req), body);
  }

  @ApiJson(listOf(sharedRef('ReviewAuditView')))
  @Get('review-audit')
  @Roles('admin', 'supervisor')
  async audit(@RequestSite() code: string, @Query() q: AuditQuery): Promise<ReviewAuditView[]> {
    const site = await siteByCode(this.ds, code);
    return readAudit(this.ds.manager, site.code, q.limit ?? 200, q.subject);
  }
}
