import {
  ABSENCE_READER_ROLES,
  type AbsenceEntryView,
  type AbsenceEvidenceResult,
  type AbsenceFiguresView,
  type AbsenceListView,
  type RollCallView,
} from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestDepartment, RequestSite, SitePath } from '../../../core/auth/request-site';
import { attachment, XLSX } from '../../../core/export/download';
import { actorFrom } from '../../audit/actor';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { findSite } from '../../registry/registry-change';
import { AbsenceFiguresService } from '../absence-figures.service';
import { AbsencesService } from '../absences.service';
import {
  AbsenceListQuery,
  AbsenceMonthQuery,
  CancelAbsenceDto,
  DecideAbsenceDto,
  FileAbsenceDto,
  ReturnAbsenceDto,
} from '../dtos/absence.dto';
import { ApiCreatedJson, ApiFile, ApiJson, SPREADSHEET } from '../../../core/openapi/shared-schema';

// The outing and leave register (外出报备 / 请销假). Supervisors and admins file and decide —
// never their own filing — and leaders read the register, the roll call and the figures. A
// department account (进驻部门) files, cancels and records returns for its own department's staff
// and reads its own department's entries and roll call; it never decides: approving one's own
// department's absences is the lax check the report found (item 50).
@SitePath()
@AdminController('sites/:site/absences')
export class AbsencesController {
  constructor(
    private readonly ds: DataSource,
    private readonly absences: AbsencesService,
    private readonly figures: AbsenceFiguresService,
  ) {}

  @ApiJson('AbsenceListView')
  @Get()
  @Roles(...ABSENCE_READER_ROLES)
  async list(
    @RequestSite() code: string,
    @RequestDepartment() own: string | undefined,
    @Query() q: AbsenceListQuery,
  ): Promise<AbsenceListView> {
    return this.absences.list(await findSite(this.ds.manager, code), q, own);
  }

  /** A department account files for its own department's staff; the decision is another's. */
  @ApiCreatedJson('AbsenceEntryView')
  @Post()
  @Roles('admin', 'supervisor', 'department')
  async file(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() own: string | undefined,
    @Body() body: FileAbsenceDto,
  ): Promise<AbsenceEntryView> {
    return this.absences.file(await findSite(this.ds.manager, code), actorFrom(req), body, own);
  }

  /** Today's roster: on post, away on an approved outing or leave, or away unregistered. */
  @ApiJson('RollCallView')
  @Get('roll-call')
  @Roles(...ABSENCE_READER_ROLES)
  async rollCall(@RequestSite() code: string, @RequestDepartment() own: string | undefined): Promise<RollCallView> {
    return this.absences.rollCall(await findSite(this.ds.manager, code), own);
  }

  @ApiJson('AbsenceFiguresView')
  @Get('figures')
  @Roles('admin', 'supervisor', 'leader')
  async monthFigures(@RequestSite() code: string, @Query() q: AbsenceMonthQuery): Promise<AbsenceFiguresView> {
    const site = await findSite(this.ds.manager, code);
    return this.figures.figures(site, this.figures.month(site, q.month));
  }

  @ApiFile(SPREADSHEET, "The month's figures as a workbook")
  @Get('figures.xlsx')
  @Roles('admin', 'supervisor', 'leader')
  async export(
    @RequestSite() code: string,
    @Query() q: AbsenceMonthQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const site = await findSite(this.ds.manager, code);
    const file = await this.figures.workbook(site, this.figures.month(site, q.month));
    res.setHeader('Content-Disposition', attachment(file.name, file.fallback));
    return new StreamableFile(file.bytes, { type: XLSX, length: file.bytes.length });
  }

  /** The month's figures as dated evidence, with the workbook, on rectification items 50 and 51. */
  @ApiCreatedJson('AbsenceEvidenceResult')
  @Post('figures/evidence')
  @Roles('admin', 'supervisor')
  async evidence(@Req() req: Request, @RequestSite() code: string, @Query() q: AbsenceMonthQuery): Promise<AbsenceEvidenceResult> {
    const site = await findSite(this.ds.manager, code);
    return this.figures.fileEvidence(site, actorFrom(req), this.figures.month(site, q.month));
  }

  @ApiJson('AbsenceEntryView')
  @Get(':id')
  @Roles(...ABSENCE_READER_ROLES)
  async get(@RequestSite() code: string, @RequestDepartment() own: string | undefined, @Param('id') id: string): Promise<AbsenceEntryView> {
    return this.absences.get(await findSite(this.ds.manager, code), id, own);
  }

  /** Approve or reject; the one who filed the entry cannot (403). */
  @ApiJson('AbsenceEntryView')
  @Post(':id/decision')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async decide(
    @Req() req: Request,
    @RequestSite() code: string,
    @Param('id') id: string,
    @Body() body: DecideAbsenceDto,
  ): Promise<AbsenceEntryView> {
    return this.absences.decide(await findSite(this.ds.manager, code), id, actorFrom(req), body);
  }

  @ApiJson('AbsenceEntryView')
  @Post(':id/cancel')
  @Roles('admin', 'supervisor', 'department')
  @HttpCode(200)
  async cancel(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() own: string | undefined,
    @Param('id') id: string,
    @Body() body: CancelAbsenceDto,
  ): Promise<AbsenceEntryView> {
    return this.absences.cancel(await findSite(this.ds.manager, code), id, actorFrom(req), body, own);
  }

  /** 销假: the staff member is back, at `at` or now. */
  @ApiJson('AbsenceEntryView')
  @Post(':id/return')
  @Roles('admin', 'supervisor', 'department')
  @HttpCode(200)
  async returned(
    @Req() req: Request,
    @RequestSite() code: string,
    @RequestDepartment() own: string | undefined,
    @Param('id') id: string,
    @Body() body: ReturnAbsenceDto,
  ): Promise<AbsenceEntryView> {
    return this.absences.returned(await findSite(this.ds.manager, code), id, actorFrom(req), body, own);
  }
}
