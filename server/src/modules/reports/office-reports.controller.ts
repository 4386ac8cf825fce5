import { REPORT_WRITER_ROLES, type OfficeReportListView, type OfficeReportView } from '@hallwatch/shared';
import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AdminActor } from '../../core/auth/admin.guard';
import { Roles } from '../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { attachment } from '../../core/export/download';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { findSite } from '../registry/registry-change';
import { ApiError } from '../../core/openapi/api-errors';
import { ApiCreatedJson, ApiFile, ApiJson } from '../../core/openapi/shared-schema';
import { MonthlyReportDto, RectificationDraftDto } from './dtos';
import { OfficeReportsService } from './office-reports.service';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// The office's documents (docs/contracts/reports.md): the monthly report and the draft of the
// next 整改情况 report, generated on request, listed and downloaded by the office and leaders.
@ApiTags('reports')
@SitePath()
@AdminController('sites/:site/reports')
export class OfficeReportsController {
  constructor(
    private readonly ds: DataSource,
    private readonly reports: OfficeReportsService,
  ) {}

  @Get()
  @Roles(...REPORT_WRITER_ROLES)
  @ApiOperation({ summary: 'The documents generated for the site, newest first' })
  @ApiJson('OfficeReportListView')
  async list(@RequestSite() code: string): Promise<OfficeReportListView> {
    return this.reports.list(await findSite(this.ds.manager, code));
  }

  @Post('monthly')
  @Roles(...REPORT_WRITER_ROLES)
  @ApiOperation({ summary: 'Generate the monthly report (月度运行分析报告) of a month as .docx and store it' })
  @ApiBody({ type: MonthlyReportDto })
  @ApiCreatedJson('OfficeReportView')
  @ApiError(400, 'A malformed month or one still to come (field: month), or a bad lang (field: lang); nothing is stored')
  async monthly(@AdminActor() actor: string, @RequestSite() code: string, @Body() body: MonthlyReportDto): Promise<OfficeReportView> {
    return this.reports.monthly(await findSite(this.ds.manager, code), body.month, body.lang ?? 'zh', 'manual', actor);
  }

  @Post('rectification-draft')
  @Roles(...REPORT_WRITER_ROLES)
  @ApiOperation({ summary: 'Generate the draft (草稿) of the next 整改情况 report for a period as .docx and store it' })
  @ApiBody({ type: RectificationDraftDto })
  @ApiCreatedJson('OfficeReportView')
  @ApiError(400, 'A bad period (field: from or to), an unknown report (field: report) or a bad lang (field: lang); nothing is stored')
  async draft(@AdminActor() actor: string, @RequestSite() code: string, @Body() body: RectificationDraftDto): Promise<OfficeReportView> {
    const site = await findSite(this.ds.manager, code);
    return this.reports.draft(site, body.report, body.from, body.to, body.lang ?? 'zh', actor);
  }

  @Get(':id/file')
  @Roles(...REPORT_WRITER_ROLES)
  @ApiOperation({ summary: 'Download a stored document as it was generated' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiFile(DOCX, 'The .docx file as it was generated')
  @ApiError(404, 'No such document at this site')
  async file(@RequestSite() code: string, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { row, bytes } = await this.reports.file(await findSite(this.ds.manager, code), id);
    res.setHeader('Content-Disposition', attachment(row.fileName, `${row.kind}-${row.from}.docx`));
    return new StreamableFile(bytes, { type: DOCX, length: bytes.length });
  }
}
