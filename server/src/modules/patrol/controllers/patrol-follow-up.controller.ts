import { PatrolDeductionRow, PatrolDeductionView, PatrolFindingView, PatrolNoticeView } from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { badField } from '../../../core/validation/input-validation';
import { ConfirmViolationDto, ReplyNoticeDto, ResolveFindingDto } from '../dtos/notice.dto';
import { NoticeFilter, PatrolNoticesService } from '../patrol-notices.service';
import { PatrolFindingsService } from '../patrol-findings.service';
import { RequestDepartment, RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

const NOTICE_FILTERS: NoticeFilter[] = ['open', 'overdue', 'closed', 'all'];
const FINDING_FILTERS = ['open', 'resolved', 'all'] as const;

/**
 * What supervisors follow up: findings, notices and their replies, and the monthly deductions.
 * A department account sees and answers only its own department's (docs/security.md).
 */
@SitePath()
@AdminController('sites/:site/patrol')
export class PatrolFollowUpController {
  constructor(
    private readonly findings: PatrolFindingsService,
    private readonly notices: PatrolNoticesService,
  ) {}

  @ApiJson(listOf(sharedRef('PatrolFindingView')))
  @Get('findings')
  @Roles('admin', 'supervisor', 'leader', 'department')
  listFindings(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Query('status') status = 'open',
  ): Promise<PatrolFindingView[]> {
    const s = FINDING_FILTERS.find((f) => f === status);
    if (!s) throw badField('status', `status must be one of ${FINDING_FILTERS.join(', ')}`);
    return this.findings.list(site, s, department);
  }

  @ApiNoContent()
  @Post('findings/:id/resolve')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  async resolve(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('id') id: string,
    @Body() body: ResolveFindingDto,
  ): Promise<void> {
    await this.findings.resolve(site, id, actor, body);
  }

  /** Confirms the finding as a violation: the department loses points in that month's assessment. */
  @ApiCreatedJson('PatrolDeductionView')
  @Post('findings/:id/violation')
  @Roles('admin', 'supervisor')
  confirm(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('id') id: string,
    @Body() body: ConfirmViolationDto,
  ): Promise<PatrolDeductionView> {
    return this.findings.confirmViolation(site, id, actor, body);
  }

  @ApiJson(listOf(sharedRef('PatrolNoticeView')))
  @Get('notices')
  @Roles('admin', 'supervisor', 'leader', 'department')
  listNotices(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Query('status') status = 'open',
  ): Promise<PatrolNoticeView[]> {
    const s = NOTICE_FILTERS.find((f) => f === status);
    if (!s) throw badField('status', `status must be one of ${NOTICE_FILTERS.join(', ')}`);
    return this.notices.list(site, s, department);
  }

  /** The department's answer (its own account's, or a supervisor's on its behalf): closes the notice and resolves its finding. */
  @ApiCreatedJson('PatrolNoticeView')
  @Post('notices/:id/reply')
  @Roles('admin', 'supervisor', 'department')
  reply(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('id') id: string,
    @Body() body: ReplyNoticeDto,
  ): Promise<PatrolNoticeView> {
    return this.notices.reply(site, id, actor, body, department);
  }

  /** Points lost per department and month, e.g. ?from=2024-01&to=2024-12. */
  @ApiJson(listOf(sharedRef('PatrolDeductionRow')))
  @Get('deductions')
  @Roles('admin', 'supervisor', 'leader', 'department')
  table(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<PatrolDeductionRow[]> {
    if (!from || !to) throw badField(from ? 'to' : 'from', 'give the months as ?from=YYYY-MM&to=YYYY-MM');
    return this.findings.deductionTable(site, from, to, department);
  }

  @ApiJson(listOf(sharedRef('PatrolDeductionView')))
  @Get('deductions/:month')
  @Roles('admin', 'supervisor', 'leader', 'department')
  month(
    @RequestSite() site: string,
    @RequestDepartment() department: string | undefined,
    @Param('month') month: string,
  ): Promise<PatrolDeductionView[]> {
    return this.findings.deductions(site, month, department);
  }
}
