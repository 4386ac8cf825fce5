import {
  PATROL_PHOTO_MAX_BYTES,
  VISIT_PLANNER_ROLES,
  VISIT_READER_ROLES,
  VISIT_WALKER_ROLES,
  type VisitDetailView,
  type VisitPlanView,
  type VisitPointDef,
} from '@hallwatch/shared';
import { Body, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { type Actor, CurrentActor } from '../../audit/actor';
import { readLimited } from '../../patrol/photo-upload';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { FinishVisitDto, PlanVisitDto, VisitCheckDto, VisitChecklistDto, VisitMonthQuery } from '../dtos/visit.dto';
import { VisitChecklistService } from '../visit-checklist.service';
import { VisitPhotosService } from '../visit-photos.service';
import { VisitsService } from '../visits.service';
import { VISIT, VISIT_DETAIL } from './visit-schemas';

const CHECKLIST = {
  type: 'object',
  properties: { site: { type: 'string' }, custom: { type: 'boolean' }, points: { type: 'array', items: { type: 'object' } } },
} as const;
const REFUSED = { description: 'A field broke its rule; the answer names it (field) and nothing is stored' };
const STATE = { description: 'The visit is not in the state the step needs (e.g. finishing a visit not started)' };

/**
 * Field (实地督导) and mystery (暗访) visits: the office plans them at the district hall and its
 * visitors walk them on a phone; a town centre reads its own (docs/contracts/visits.md).
 */
@ApiTags('visits')
@SitePath()
@AdminController('sites/:site/visits')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly checklist: VisitChecklistService,
    private readonly photos: VisitPhotosService,
  ) {}

  @Get()
  @Roles(...VISIT_READER_ROLES)
  @ApiOkResponse({
    description: "The month's visits by town (a town reads its own; mystery visits once finished)",
    schema: { type: 'object', properties: { month: { type: 'string' }, towns: { type: 'array', items: { type: 'object' } } } },
  })
  @ApiBadRequestResponse(REFUSED)
  month(@RequestSite() site: string, @Query() q: VisitMonthQuery): Promise<VisitPlanView> {
    return this.visits.month(site, q.month);
  }

  @Post()
  @Roles(...VISIT_PLANNER_ROLES)
  @ApiBody({ type: PlanVisitDto })
  @ApiCreatedResponse({ description: 'The visit as planned', schema: VISIT })
  @ApiBadRequestResponse(REFUSED)
  @ApiForbiddenResponse({ description: 'Only admins and supervisors plan visits' })
  plan(@RequestSite() site: string, @CurrentActor() by: Actor, @Body() body: PlanVisitDto) {
    return this.visits.plan(site, by, body);
  }

  /** The checklist a site is visited with (`:site` the visited site); its own list or the default. */
  @Get('checklist')
  @Roles(...VISIT_READER_ROLES)
  @ApiOkResponse({ description: "The site's checklist points", schema: CHECKLIST })
  readChecklist(@RequestSite() site: string): Promise<{ site: string; custom: boolean; points: VisitPointDef[] }> {
    return this.checklist.read(site);
  }

  @Put('checklist')
  @Roles('admin')
  @ApiBody({ type: VisitChecklistDto })
  @ApiOkResponse({ description: "The site's checklist as set; an empty list restores the default", schema: CHECKLIST })
  @ApiBadRequestResponse(REFUSED)
  @ApiForbiddenResponse({ description: 'Only admins edit the checklist' })
  setChecklist(@RequestSite() site: string, @CurrentActor() by: Actor, @Body() body: VisitChecklistDto) {
    return this.checklist.set(site, by, body);
  }

  @Get(':id')
  @Roles(...VISIT_READER_ROLES)
  @ApiOkResponse({ description: 'The visit, its checklist as judged and its findings with their notices', schema: VISIT_DETAIL })
  @ApiNotFoundResponse({ description: 'No such visit at this site (a town does not see a mystery visit before it is finished)' })
  detail(@RequestSite() site: string, @Param('id') id: string): Promise<VisitDetailView> {
    return this.visits.detail(site, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...VISIT_WALKER_ROLES)
  @ApiOkResponse({ description: 'The visit, started', schema: VISIT_DETAIL })
  @ApiForbiddenResponse({ description: 'A patrol account starts only its own visits' })
  @ApiConflictResponse(STATE)
  start(@RequestSite() site: string, @Param('id') id: string, @CurrentActor() by: Actor): Promise<VisitDetailView> {
    return this.visits.start(site, id, by);
  }

  @Put(':id/checks/:point')
  @Roles(...VISIT_WALKER_ROLES)
  @ApiBody({ type: VisitCheckDto })
  @ApiOkResponse({ description: 'The visit with the point judged (again, if it was)', schema: VISIT_DETAIL })
  @ApiBadRequestResponse(REFUSED)
  @ApiForbiddenResponse({ description: 'A patrol account judges only its own visits' })
  @ApiConflictResponse(STATE)
  check(
    @RequestSite() site: string,
    @Param('id') id: string,
    @Param('point') point: string,
    @CurrentActor() by: Actor,
    @Body() body: VisitCheckDto,
  ): Promise<VisitDetailView> {
    return this.visits.check(site, id, point, by, body);
  }

  /** The point's photo as the raw image body; the same point again is the same photo. */
  @Put(':id/checks/:point/photo')
  @Roles(...VISIT_WALKER_ROLES)
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({
    description: 'Stored (200 when it was already)',
    schema: { type: 'object', properties: { point: { type: 'string' }, type: { type: 'string' }, size: { type: 'integer' } } },
  })
  @ApiBadRequestResponse(REFUSED)
  @ApiConflictResponse(STATE)
  async putPhoto(
    @RequestSite() site: string,
    @Param('id') id: string,
    @Param('point') point: string,
    @CurrentActor() by: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const visit = await this.visits.walkable(site, id, by);
    const stored = await this.photos.store(visit, point, await readLimited(req, PATROL_PHOTO_MAX_BYTES));
    res.status(stored.created ? 201 : 200);
    return { point, type: stored.type, size: stored.size };
  }

  @Get(':id/checks/:point/photo')
  @Roles(...VISIT_READER_ROLES)
  @ApiOkResponse({ description: 'The photo', content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No photo for the point' })
  async getPhoto(@RequestSite() site: string, @Param('id') id: string, @Param('point') point: string, @Res() res: Response): Promise<void> {
    const visit = await this.visits.detail(site, id);
    const photo = await this.photos.readOr404(visit.visit.id, point);
    res.setHeader('content-type', photo.type);
    res.setHeader('cache-control', 'private, max-age=86400');
    res.send(photo.bytes);
  }

  @Post(':id/finish')
  @HttpCode(200)
  @Roles(...VISIT_WALKER_ROLES)
  @ApiBody({ type: FinishVisitDto })
  @ApiOkResponse({ description: 'The visit, finished, with its findings', schema: VISIT_DETAIL })
  @ApiBadRequestResponse(REFUSED)
  @ApiForbiddenResponse({ description: 'A patrol account finishes only its own visits' })
  @ApiConflictResponse(STATE)
  finish(
    @RequestSite() site: string,
    @Param('id') id: string,
    @CurrentActor() by: Actor,
    @Body() body: FinishVisitDto,
  ): Promise<VisitDetailView> {
    return this.visits.finish(site, id, by, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...VISIT_PLANNER_ROLES)
  @ApiOkResponse({ description: 'The visit, cancelled', schema: VISIT_DETAIL })
  @ApiConflictResponse(STATE)
  cancel(@RequestSite() site: string, @Param('id') id: string, @CurrentActor() by: Actor): Promise<VisitDetailView> {
    return this.visits.cancel(site, id, by);
  }
}
