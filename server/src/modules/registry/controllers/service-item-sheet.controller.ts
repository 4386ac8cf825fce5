import type { ServiceItemImportResult } from '@hallwatch/shared';
import { Get, HttpCode, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { AdminActor } from '../../../core/auth/admin.guard';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { attachment, XLSX } from '../../../core/export/download';
import { UploadedBlob, UploadInterceptor } from '../../../core/http/upload.interceptor';
import { badField } from '../../../core/validation/input-validation';
import { ServiceItemImportService, SheetFile } from '../service-item-import.service';
import { SHEET_FIELD, SHEET_MAX_BYTES } from '../service-item-sheet';
import { AdminController } from './admin-controller.decorator';
import { ApiFile, ApiJson, SPREADSHEET } from '../../../core/openapi/shared-schema';

const Sheet = () => UseInterceptors(UploadInterceptor({ field: SHEET_FIELD, maxBytes: SHEET_MAX_BYTES }));

function sheetFile(file: UploadedBlob | undefined): SheetFile {
  if (!file?.size) throw badField(SHEET_FIELD, `${SHEET_FIELD} is required: send the .xlsx sheet as the multipart field "${SHEET_FIELD}"`);
  return { name: file.originalname, bytes: file.buffer };
}

// The service-item sheet (事项清单): its template, a dry run, and the import. Apart from
// service-items/ so that no item code (a code may hold a dot) is mistaken for one of these.
@SitePath()
@AdminController('sites/:site/service-item-sheet')
export class ServiceItemSheetController {
  constructor(private readonly sheets: ServiceItemImportService) {}

  @ApiFile(SPREADSHEET, "A sheet of the site's service items to fill in")
  @Get('template.xlsx')
  async template(@RequestSite() site: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const bytes = await this.sheets.template(site);
    res.setHeader('Content-Disposition', attachment(`事项清单模板-${site}.xlsx`, `service-items-${site}.xlsx`));
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length });
  }

  /** What the sheet would change, and every problem by row and column; stores nothing. */
  @ApiJson('ServiceItemImportResult')
  @Post('preview')
  @HttpCode(200)
  @Sheet()
  preview(@RequestSite() site: string, @UploadedFile() file: UploadedBlob | undefined): Promise<ServiceItemImportResult> {
    return this.sheets.preview(site, sheetFile(file));
  }

  @ApiJson('ServiceItemImportResult')
  @Post('import')
  @HttpCode(200)
  @Sheet()
  import(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @UploadedFile() file: UploadedBlob | undefined,
  ): Promise<ServiceItemImportResult> {
    return this.sheets.apply(actor, site, sheetFile(file));
  }
}
