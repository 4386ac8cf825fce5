import type { FailedJobsView, FailedJobView, QueueCountsView } from '@hallwatch/shared';
import { Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { EverySiteWhen } from '../../core/auth/auth-rules';
import { ApiError, ApiErrors } from '../../core/openapi/api-errors';
import { ApiJson, listOf, sharedRef } from '../../core/openapi/shared-schema';
import { actorFrom } from '../audit/actor';
import { AdminController } from '../registry/controllers/admin-controller.decorator';
import { FailedJobsQuery, QueueJobParam, QueueNameParam } from './queue-admin.dto';
import { QueueAdminService } from './queue-admin.service';

// The queues serve every site at once: only an admin of every site (or the admin token) looks in.
@ApiTags('admin')
@AdminController('queues')
@EverySiteWhen(() => 'queues')
export class QueueAdminController {
  constructor(private readonly queues: QueueAdminService) {}

  @Get()
  @ApiJson(listOf(sharedRef('QueueCountsView')), { description: 'Each queue with its jobs by state' })
  counts(): Promise<QueueCountsView[]> {
    return this.queues.counts();
  }

  @Get(':name/failed')
  @ApiJson('FailedJobsView', { description: 'The newest failed jobs, with their errors (never their data)' })
  @ApiError(400, 'An unknown queue, or a bad start or size; `field` names it')
  failed(@Param() p: QueueNameParam, @Query() q: FailedJobsQuery): Promise<FailedJobsView> {
    return this.queues.failed(p.name, q.start ?? 0, q.size ?? 50);
  }

  @Post(':name/jobs/:id/retry')
  @HttpCode(200)
  @ApiJson('FailedJobView', { description: 'The job as it failed; it is back in line' })
  @ApiError(409, 'The job is not failed (waiting, running or done)')
  @ApiErrors(400, 404)
  retry(@Req() req: Request, @Param() p: QueueJobParam): Promise<FailedJobView> {
    return this.queues.retry(p.name, p.id, actorFrom(req));
  }
}
