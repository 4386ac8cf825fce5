import { NOTICE_DOCUMENT_ROLES, PatrolNoticeDocumentView, PatrolNoticeView } from '@hallwatch/shared';
import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { AdminActor } from '../../../core/auth/admin.guard';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestDepartment, RequestSite, SitePath } from '../../../core/auth/request-site';
import { attachment, XLSX } from '../../../core/export/download';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { DeductionExportService } from '../deduction-export.service';
import { EscalateNoticeDto } from '../dtos/notice.dto';
import { NoticeDocumentService } from '../notice-document.service';
import { noticePdf, systemCjkFonts } from '../notice-pdf';
import { ApiCreatedJson, ApiFile, ApiJson, SPREADSHEET } from '../../../core/openapi/shared-schema';

/**
 * The 督查告知书 as a document (its page, its PDF and its photo), the office's acceptance or
 * escalation, and the month's deduction table as a workbook. The office reads any notice; a department
 * account only those addressed to it (docs/security.md).
 */
@SitePath()
@AdminController('sites/:site/patrol')
export class PatrolNoticeDocumentController {
  constructor(
    private readonly documents: NoticeDocumentService,
    private readonly deductions: DeductionExportService,
  ) {}

  // Declared before `notices/:id`, so that "<id>.pdf" is the PDF and not a notice id.
  @ApiFile('application/pdf', 'The notice (督查告知书) as a printable PDF')
  @Get('notices/:id.pdf')
  @Roles(...NOTICE_DOCUMENT_ROLES)
  async pdf(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const fonts = systemCjkFonts();
    const doc = await this.documents.document(site, id, department);
    const photo = doc.facts.photo ? await this.documents.photo(site, id, department) : null;
    const bytes = await noticePdf(doc, photo, fonts);
    const stem = doc.notice.number ?? `督查告知书-${doc.notice.id}`;
    res.setHeader('Content-Disposition', attachment(`${stem}.pdf`, `notice-${doc.notice.id}.pdf`));
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
  }

  @ApiFile('image/jpeg', 'The photo of the finding (JPEG or PNG)')
  @Get('notices/:id/photo')
  @Roles(...NOTICE_DOCUMENT_ROLES)
  async photo(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const photo = await this.documents.photo(site, id, department);
    res.setHeader('cache-control', 'private, max-age=86400');
    return new StreamableFile(photo.bytes, { type: photo.type, length: photo.bytes.length });
  }

  @ApiJson('PatrolNoticeDocumentView')
  @Get('notices/:id')
  @Roles(...NOTICE_DOCUMENT_ROLES)
  document(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('id') id: string,
  ): Promise<PatrolNoticeDocumentView> {
    return this.documents.document(site, id, department);
  }

  /** The office accepts the department's reply (验收). */
  @ApiCreatedJson('PatrolNoticeView')
  @Post('notices/:id/accept')
  @Roles('admin', 'supervisor')
  accept(@AdminActor() actor: string, @RequestSite() site: string, @Param('id') id: string): Promise<PatrolNoticeView> {
    return this.documents.accept(site, id, actor);
  }

  /** The office reports the notice to the leaders: no reply, or a reply it does not accept. */
  @ApiCreatedJson('PatrolNoticeView')
  @Post('notices/:id/escalate')
  @Roles('admin', 'supervisor')
  escalate(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('id') id: string,
    @Body() body: EscalateNoticeDto,
  ): Promise<PatrolNoticeView> {
    return this.documents.escalate(site, id, actor, body.note ?? null);
  }

  /** The month's deduction table as a workbook, e.g. deductions/2024-07.xlsx. */
  @ApiFile(SPREADSHEET, "The month's deduction table as a workbook")
  @Get('deductions/:month.xlsx')
  @Roles('admin', 'supervisor', 'leader', 'department')
  async deductionWorkbook(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('month') month: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.deductions.workbook(site, month, department);
    res.setHeader('Content-Disposition', attachment(file.name, file.fallback));
    return new StreamableFile(file.bytes, { type: XLSX, length: file.bytes.length });
  }
}
