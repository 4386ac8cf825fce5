import type { RetentionPlanView, RetentionView } from '@hallwatch/shared';
import { Body, Get, Patch, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { EverySiteWhen } from '../../core/auth/auth-rules';
import { Clock } from '../../core/time/clock';
import { actorFrom } from '../audit/actor';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { RETENTION_PLAN_SCHEMA, RetentionPolicyDto, RetentionViewResponse } from './retention.dto';
import { RetentionPolicyService } from './retention-policy.service';
import { RetentionService } from './retention.service';

/** The preview lists this many ids of each kind; `hallwatch retention --dry-run` lists them all. */
export const PREVIEW_IDS = 200;

// The deployment's retention policy, its last run and what a run now would erase. The policy
// applies to every site, so only an account of every site (or the admin token) changes it.
@ApiTags('admin')
@AdminController('retention')
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly policies: RetentionPolicyService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: RetentionViewResponse, description: 'The policy, its floors and defaults, and the last run' })
  view(): Promise<RetentionView> {
    return this.retention.view();
  }

  @Get('preview')
  @ApiOkResponse({ schema: RETENTION_PLAN_SCHEMA, description: 'What a run now would erase (a dry run: nothing changes)' })
  async preview(): Promise<RetentionPlanView> {
    const plan = await this.retention.plan();
    return {
      ...plan,
      phones: {
        ...plan.phones,
        reviews: plan.phones.reviews.slice(0, PREVIEW_IDS),
        complaints: plan.phones.complaints.slice(0, PREVIEW_IDS),
      },
      photos: { ...plan.photos, ids: plan.photos.ids.slice(0, PREVIEW_IDS) },
    };
  }

  @Patch()
  @EverySiteWhen(() => 'retention')
  @ApiBody({ type: RetentionPolicyDto })
  @ApiOkResponse({ type: RetentionViewResponse, description: 'The policy as changed' })
  @ApiBadRequestResponse({ description: 'A period shorter than its floor or not a whole number of days, naming the field' })
  @ApiForbiddenResponse({ description: 'An admin of some sites only' })
  async update(@Req() req: Request, @Body() body: RetentionPolicyDto): Promise<RetentionView> {
    await this.policies.update(actorFrom(req), body as Record<string, unknown>, this.clock.now());
    return this.retention.view();
  }
}
