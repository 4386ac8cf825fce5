import type { AuditEntryView } from '@hallwatch/shared';
import { Controller, Get, Query, Res, StreamableFile, UsePipes } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { FiltersBySite, Roles } from '../../core/auth/auth-rules';
import { CurrentPrincipal } from '../../core/auth/principal';
import { RequestSite } from '../../core/auth/request-site';
import type { Principal } from '../../core/auth/principal';
import { Clock } from '../../core/time/clock';
import { adminValidationPipe } from '../../core/validation/input-validation';
import { recordAudit } from './audit-log';
import { AuditLogService } from './audit-log.service';
import { AuditQuery } from './audit-query.dto';
import { ApiFile, ApiJson, SPREADSHEET, listOf, sharedRef } from '../../core/openapi/shared-schema';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The audit log for admins: filters, paging by id, and an .xlsx export of the same filter. */
@Controller('api/v1/admin/audit')
@Roles('admin')
@FiltersBySite()
@UsePipes(adminValidationPipe())
export class AuditController {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
  ) {}

  @ApiJson(listOf(sharedRef('AuditEntryView')))
  @Get()
  list(@CurrentPrincipal() p: Principal, @RequestSite() site: string | undefined, @Query() q: AuditQuery): Promise<AuditEntryView[]> {
    return this.audit.list(p.sites, { ...q, site });
  }

  @ApiFile(SPREADSHEET, 'The audit log of the same filter as a workbook')
  @Get('export.xlsx')
  async export(
    @CurrentPrincipal() p: Principal,
    @RequestSite() site: string | undefined,
    @Query() query: AuditQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const q = { ...query, site };
    const bytes = await this.audit.exportXlsx(p.sites, q);
    // Taking the log away is itself an audited act.
    await recordAudit(this.ds.manager, {
      action: 'audit.export',
      site: site ?? null,
      details: { filter: { ...q } },
      at: this.clock.now(),
    });
    const day = this.clock.now().toISOString().slice(0, 10);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-log-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${day}.xlsx`)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(bytes, { type: XLSX, length: bytes.length });
  }
}
