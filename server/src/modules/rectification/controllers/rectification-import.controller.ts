import type { RectificationImportResult } from '@hallwatch/shared';
import { Get, HttpCode, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { RequestSite } from '../../../core/auth/request-site';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { badField } from '../../../core/validation/input-validation';
import { ImportQuery, ScopeQuery } from '../dtos/scope.dto';
import { buildLedger } from '../ledger-export';
import { RectificationService } from '../rectification.service';
import { reportRef, resolveSite } from '../rectification-scope';
import { REPORT_FIELD, REPORT_MAX_BYTES } from '../report-decoding';
import { ReportImportService } from '../report-import.service';
import { UploadedBlob, UploadInterceptor } from '../../../core/http/upload.interceptor';
import { attachmentDisposition } from './rectification-items.controller';
import { ApiFile, ApiJson, SPREADSHEET } from '../../../core/openapi/shared-schema';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@AdminController('rectification')
export class RectificationImportController {
  constructor(
    private readonly ds: DataSource,
    private readonly importer: ReportImportService,
    private readonly items: RectificationService,
  ) {}

  /**
   * The published report as the multipart field "file", or as a text/plain body (then
   * ?name= gives its file name). Answers what was created and updated, the count check,
   * and every warning and inference with its line number.
   */
  @ApiJson('RectificationImportResult')
  @Post('import')
  @HttpCode(200)
  @UseInterceptors(UploadInterceptor({ field: REPORT_FIELD, maxBytes: REPORT_MAX_BYTES, plainText: { defaultName: 'report.txt' } }))
  import(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() q: ImportQuery,
    @UploadedFile() file: UploadedBlob | undefined,
  ): Promise<RectificationImportResult> {
    if (!file?.size)
      throw badField(
        REPORT_FIELD,
        `${REPORT_FIELD} is required: send the report text as the multipart field "${REPORT_FIELD}" or as a text/plain body`,
      );
    return this.importer.importReport(actor, { site }, reportRef(q.report), { name: file.originalname, bytes: file.buffer });
  }

  @ApiFile(SPREADSHEET, 'The rectification ledger (整改台账) as a workbook')
  @Get('ledger.xlsx')
  @Roles('admin', 'supervisor', 'leader')
  async ledger(
    @RequestSite() code: string | undefined,
    @Query() q: ScopeQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const site = await resolveSite(this.ds.manager, code);
    const list = await this.items.list({ site: site.code }, reportRef(q.report));
    const bytes = await buildLedger(list, site.timezone);
    res.setHeader('Content-Disposition', attachmentDisposition(`整改台账-${site.code}-${list.asOf.slice(0, 10)}.xlsx`));
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length });
  }
}
