import { VISIT_PLANNER_ROLES, type VisitDetailView, type VisitNoticeView } from '@hallwatch/shared';
import { Body, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { type Actor, CurrentActor } from '../../audit/actor';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { VisitNoticeDto, VisitReplyDto } from '../dtos/visit.dto';
import { VisitNoticesService } from '../visit-notices.service';
import { VISIT_DETAIL } from './visit-schemas';

const NOTICE = { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' }, status: { type: 'string' } } } as const;

/**
 * A visit's finding as a 督查告知书 to its town: issued by the office at the district hall, answered
 * by the town at its own site. Accepting or escalating the answer uses the notices' own routes
 * (`.../patrol/notices/:id/accept|escalate` at the district hall).
 */
@ApiTags('visits')
@SitePath()
@AdminController('sites/:site/visits')
export class VisitNoticesController {
  constructor(private readonly notices: VisitNoticesService) {}

  /** `:site` the town centre: the notices addressed to it. */
  @Get('notices/addressed')
  @Roles('admin', 'supervisor', 'leader')
  @ApiOkResponse({ description: 'The notices addressed to the town centre', schema: { type: 'array', items: NOTICE } })
  @ApiNotFoundResponse({ description: 'The site is not a town centre' })
  addressed(@RequestSite() town: string): Promise<VisitNoticeView[]> {
    return this.notices.forTown(town);
  }

  /** `:site` the town centre: its answer to a notice addressed to it. */
  @Post('notices/:notice/reply')
  @Roles(...VISIT_PLANNER_ROLES)
  @ApiBody({ type: VisitReplyDto })
  @ApiCreatedResponse({ description: 'The notice, answered', schema: NOTICE })
  @ApiBadRequestResponse({ description: 'reply is missing or blank; nothing is stored' })
  @ApiNotFoundResponse({ description: 'No such notice addressed to this town' })
  @ApiConflictResponse({ description: 'The notice has already been answered' })
  reply(
    @RequestSite() town: string,
    @Param('notice') id: string,
    @CurrentActor() by: Actor,
    @Body() body: VisitReplyDto,
  ): Promise<VisitNoticeView> {
    return this.notices.reply(town, id, by, body);
  }

  /** `:site` the district hall: the finding sent to the visited site's town with a deadline in working days. */
  @Post(':id/findings/:finding/notice')
  @Roles(...VISIT_PLANNER_ROLES)
  @ApiBody({ type: VisitNoticeDto })
  @ApiCreatedResponse({ description: 'The visit, its finding now with its notice', schema: VISIT_DETAIL })
  @ApiBadRequestResponse({ description: 'A field broke its rule (workingDays, text); nothing is stored' })
  @ApiForbiddenResponse({ description: 'Only admins and supervisors issue notices' })
  @ApiConflictResponse({ description: 'The visit is not finished, or the finding already has a notice' })
  issue(
    @RequestSite() site: string,
    @Param('id') id: string,
    @Param('finding') finding: string,
    @CurrentActor() by: Actor,
    @Body() body: VisitNoticeDto,
  ): Promise<VisitDetailView> {
    return this.notices.issue(site, id, finding, by, body);
  }
}
