import { ASSESSMENT_READER_ROLES, type AssessmentEvidenceResult, type AssessmentView, type AssessmentWeightsView } from '@hallwatch/shared';
import { Body, Get, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { attachment, XLSX } from '../../core/export/download';
import { actorFrom } from '../audit/actor';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { findSite } from '../registry/registry-change';
import { AssessmentService } from './assessment.service';
import { AssessmentQuery, AssessmentWeightsDto } from './dtos';
import { ApiCreatedJson, ApiFile, ApiJson, SPREADSHEET } from '../../core/openapi/shared-schema';

// The assessment of the town centres below a district hall: leaders, supervisors and admins
// read it and export it; only an admin sets the weights.
@SitePath()
@AdminController('sites/:site/assessment')
export class AssessmentController {
  constructor(
    private readonly ds: DataSource,
    private readonly assessment: AssessmentService,
  ) {}

  @ApiJson('AssessmentView')
  @Get()
  @Roles(...ASSESSMENT_READER_ROLES)
  async view(@RequestSite() code: string, @Query() q: AssessmentQuery): Promise<AssessmentView> {
    const site = await findSite(this.ds.manager, code);
    return this.assessment.view(site, this.assessment.month(site, q.month));
  }

  @ApiFile(SPREADSHEET, "The month's scorecards as a workbook")
  @Get('export.xlsx')
  @Roles(...ASSESSMENT_READER_ROLES)
  async export(
    @RequestSite() code: string,
    @Query() q: AssessmentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const site = await findSite(this.ds.manager, code);
    const file = await this.assessment.workbook(site, this.assessment.month(site, q.month));
    res.setHeader('Content-Disposition', attachment(file.name, file.fallback));
    return new StreamableFile(file.bytes, { type: XLSX, length: file.bytes.length });
  }

  @ApiJson('AssessmentWeightsView')
  @Get('weights')
  @Roles(...ASSESSMENT_READER_ROLES)
  async weights(@RequestSite() code: string): Promise<AssessmentWeightsView> {
    return this.assessment.weights(await findSite(this.ds.manager, code));
  }

  @ApiJson('AssessmentWeightsView')
  @Put('weights')
  @Roles('admin')
  async setWeights(@Req() req: Request, @RequestSite() code: string, @Body() body: AssessmentWeightsDto): Promise<AssessmentWeightsView> {
    return this.assessment.setWeights(await findSite(this.ds.manager, code), actorFrom(req), body.weights);
  }

  /** The month's ranking and its spread as dated evidence, with the workbook, on rectification item 46. */
  @ApiCreatedJson('AssessmentEvidenceResult')
  @Post('evidence')
  @Roles('admin', 'supervisor')
  async evidence(@Req() req: Request, @RequestSite() code: string, @Query() q: AssessmentQuery): Promise<AssessmentEvidenceResult> {
    const site = await findSite(this.ds.manager, code);
    return this.assessment.fileEvidence(site, actorFrom(req), this.assessment.month(site, q.month));
  }
}
