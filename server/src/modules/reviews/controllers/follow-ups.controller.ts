import { SUPERVISION_OFFICE_ROLES, type FollowUpCaseView, type FollowUpListView, type PhoneRevealView } from '@hallwatch/shared';
import { Body, Get, Header, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { CaseListQuery, ConfirmationDto, ContactDto, ResolutionDto, ReturnDto } from '../dtos/follow-up-action.dto';
import { FollowUpsService } from '../follow-ups.service';
import { actorFrom } from '../../audit/actor';
import { workbookBytes } from '../../../core/export/workbook';
import { casesSheet } from '../../trends/trends-export';
import { attachment, XLSX } from '../../../core/export/download';
import { siteByCode } from './site-param';
import { RequestDepartment, RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiFile, ApiJson, SPREADSHEET } from '../../../core/openapi/shared-schema';

// The follow-up desk: the case list, calls logged, fixes recorded, the confirming call, and
// the audited phone reveal. Leaders read the cases; the desk's acts are supervisors' and admins'.
// A department account works its own department's cases as their handler: it reads them, logs
// its calls and its fix, and reveals the number it is to call; the confirming call that closes a
// case stays with the desk (docs/security.md, "Department accounts").
@SitePath()
@AdminController('sites/:site/follow-ups')
export class FollowUpsController {
  constructor(
    private readonly ds: DataSource,
    private readonly followUps: FollowUpsService,
  ) {}

  @ApiJson('FollowUpListView')
  @Get()
  @Roles('admin', 'supervisor', 'leader', 'department')
  async list(
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Query() q: CaseListQuery,
  ): Promise<FollowUpListView> {
    return this.followUps.list(await siteByCode(this.ds, code), q.status ?? 'open', q.department ?? null, null, undefined, scope);
  }

  @ApiFile(SPREADSHEET, 'The follow-up ledger (回访台账) as a workbook')
  @Get('export.xlsx')
  @Roles('admin', 'supervisor', 'leader')
  async export(@RequestSite() code: string, @Query() q: CaseListQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const site = await siteByCode(this.ds, code);
    const view = await this.followUps.list(site, q.status ?? 'all', q.department ?? null);
    const bytes = await workbookBytes((wb) => casesSheet(wb, view, site.timezone));
    res.setHeader('Content-Disposition', attachment(`回访台账-${site.code}.xlsx`, `follow-ups-${site.code}.xlsx`));
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length });
  }

  @ApiJson('FollowUpCaseView')
  @Get(':id')
  @Roles('admin', 'supervisor', 'leader', 'department')
  async get(
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Param('id') id: string,
  ): Promise<FollowUpCaseView> {
    return this.followUps.get(await siteByCode(this.ds, code), id, scope);
  }

  @ApiJson('FollowUpCaseView')
  @Post(':id/contact')
  @Roles('admin', 'supervisor', 'department')
  @HttpCode(200)
  async contact(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Param('id') id: string,
    @Body() body: ContactDto,
  ): Promise<FollowUpCaseView> {
    return this.followUps.contact(await siteByCode(this.ds, code), id, actorFrom(req), body, scope);
  }

  @ApiJson('FollowUpCaseView')
  @Post(':id/resolution')
  @Roles('admin', 'supervisor', 'department')
  @HttpCode(200)
  async resolve(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Param('id') id: string,
    @Body() body: ResolutionDto,
  ): Promise<FollowUpCaseView> {
    return this.followUps.resolve(await siteByCode(this.ds, code), id, actorFrom(req), body, scope);
  }

  @ApiJson('FollowUpCaseView')
  @Post(':id/confirmation')
  @Roles(...SUPERVISION_OFFICE_ROLES)
  @HttpCode(200)
  async confirm(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: ConfirmationDto,
  ): Promise<FollowUpCaseView> {
    return this.followUps.confirm(await siteByCode(this.ds, code), id, actorFrom(req), body);
  }

  /** 退单: the complaint's work order back to its platform; the desk's act, like the confirming call. */
  @ApiJson('FollowUpCaseView')
  @Post(':id/return')
  @Roles(...SUPERVISION_OFFICE_ROLES)
  @HttpCode(200)
  async returnOrder(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: ReturnDto,
  ): Promise<FollowUpCaseView> {
    return this.followUps.returnOrder(await siteByCode(this.ds, code), id, actorFrom(req), body);
  }

  /** POST, not GET: a reveal is an act that is recorded, and must never be cached or prefetched. */
  @ApiJson('PhoneRevealView')
  @Post(':id/phone')
  @Roles('admin', 'supervisor', 'department')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async reveal(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() scope: string | undefined,
    @Param('id') id: string,
  ): Promise<PhoneRevealView> {
    return this.followUps.revealPhone(await siteByCode(this.ds, code), id, actorFrom(req), {}, scope);
  }
}
