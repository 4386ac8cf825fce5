import {
  RECTIFICATION_READER_ROLES,
  type LookBackResult,
  type LookBackSettings,
  type RectificationEvidenceView,
  type RectificationItemView,
  type RectificationListView,
} from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { RequestSite } from '../../../core/auth/request-site';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { ATTACHMENT_FIELD, EVIDENCE_MAX_BYTES } from '../attachment-types';
import { AddEvidenceDto, UpdateItemDto } from '../dtos/item.dto';
import { LookBackSettingsDto } from '../dtos/look-back-settings.dto';
import { ScopeQuery } from '../dtos/scope.dto';
import { LookBackService } from '../look-back.service';
import { RectificationService } from '../rectification.service';
import { reportRef, resolveSite } from '../rectification-scope';
import { UploadedBlob, UploadInterceptor } from '../../../core/http/upload.interceptor';
import { ApiCreatedJson, ApiFile, ApiJson } from '../../../core/openapi/shared-schema';

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so Chinese file names survive. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// Reads and changes of a site's rectification items: leaders read, supervisors and admins
// change, and only admins change the look-back settings.
@AdminController('rectification')
export class RectificationItemsController {
  constructor(
    private readonly ds: DataSource,
    private readonly items: RectificationService,
    private readonly lookBack: LookBackService,
  ) {}

  @ApiJson('RectificationListView')
  @Get('items')
  @Roles(...RECTIFICATION_READER_ROLES)
  list(@RequestSite() site: string | undefined, @Query() q: ScopeQuery): Promise<RectificationListView> {
    return this.items.list({ site }, reportRef(q.report));
  }

  @ApiJson('RectificationItemView')
  @Get('items/:key')
  @Roles(...RECTIFICATION_READER_ROLES)
  get(@RequestSite() site: string | undefined, @Query() q: ScopeQuery, @Param('key') key: string): Promise<RectificationItemView> {
    return this.items.get({ site }, reportRef(q.report), key);
  }

  @ApiJson('RectificationItemView')
  @Patch('items/:key')
  @Roles('admin', 'supervisor')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() q: ScopeQuery,
    @Param('key') key: string,
    @Body() body: UpdateItemDto,
  ): Promise<RectificationItemView> {
    return this.items.update(actor, { site }, reportRef(q.report), key, body);
  }

  /** multipart/form-data with date, text and an optional "attachment" file; or JSON without one. */
  @ApiCreatedJson('RectificationEvidenceView')
  @Post('items/:key/evidence')
  @Roles('admin', 'supervisor')
  @UseInterceptors(UploadInterceptor({ field: ATTACHMENT_FIELD, maxBytes: EVIDENCE_MAX_BYTES }))
  addEvidence(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() q: ScopeQuery,
    @Param('key') key: string,
    @Body() body: AddEvidenceDto,
    @UploadedFile() file: UploadedBlob | undefined,
  ): Promise<RectificationEvidenceView> {
    return this.items.addEvidence(actor, { site }, reportRef(q.report), key, body, file);
  }

  @ApiFile('application/octet-stream', 'The evidence file as it was uploaded')
  @Get('evidence/:id/attachment')
  @Roles(...RECTIFICATION_READER_ROLES)
  async attachment(
    @RequestSite() site: string | undefined,
    @Query() _q: ScopeQuery,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.items.attachment({ site }, id);
    res.setHeader('Content-Disposition', attachmentDisposition(file.name));
    // Served as a download, never rendered: the bytes come from an upload.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(file.bytes, { type: file.type, length: file.bytes.length });
  }

  /** The look-back (回头看) now, rather than at the next scheduled run. */
  @ApiJson('LookBackResult')
  @Post('look-back')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async runLookBack(@RequestSite() site: string | undefined, @Query() _q: ScopeQuery): Promise<LookBackResult> {
    return this.lookBack.checkSite(await resolveSite(this.ds.manager, site));
  }

  @ApiJson('LookBackSettings')
  @Get('settings')
  @Roles(...RECTIFICATION_READER_ROLES)
  settings(@RequestSite() site: string | undefined, @Query() _q: ScopeQuery): Promise<LookBackSettings> {
    return this.items.settings({ site });
  }

  @ApiJson('LookBackSettings')
  @Patch('settings')
  updateSettings(
    @RequestSite() site: string | undefined,
    @Query() _q: ScopeQuery,
    @Body() body: LookBackSettingsDto,
  ): Promise<LookBackSettings> {
    return this.items.updateSettings({ site }, body);
  }
}
