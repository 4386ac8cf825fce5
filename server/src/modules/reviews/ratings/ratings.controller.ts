import type { RefusedRatingView, UnmatchedRatingView } from '@hallwatch/shared';
import { Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { Clock } from '../../../core/time/clock';
import { serviceDay } from '../../../core/time/service-day';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { siteByCode } from '../controllers/site-param';
import { listRefusedRatings, listUnmatchedRatings } from './rating-checks';
import { RatingsDayQuery } from './ratings-query.dto';
import { ApiJson, listOf, sharedRef } from '../../../core/openapi/shared-schema';

// The ratings a supervisor checks (docs/contracts/reviews.md): those refused because their
// visit was rated already, and those naming a ticket this hall never served that day. Read
// like the registry's unknown references: accepted or kept, never hidden.
@SitePath()
@AdminController('sites/:site/ratings')
export class RatingsController {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  @ApiJson(listOf(sharedRef('RefusedRatingView')))
  @Get('refused')
  @Roles('admin', 'supervisor', 'leader')
  async refused(@RequestSite() code: string, @Query() q: RatingsDayQuery): Promise<RefusedRatingView[]> {
    const site = await siteByCode(this.ds, code);
    return listRefusedRatings(this.ds, site.id, q.day ?? null);
  }

  @ApiJson(listOf(sharedRef('UnmatchedRatingView')))
  @Get('unmatched')
  @Roles('admin', 'supervisor', 'leader')
  async unmatched(@RequestSite() code: string, @Query() q: RatingsDayQuery): Promise<UnmatchedRatingView[]> {
    const site = await siteByCode(this.ds, code);
    return listUnmatchedRatings(this.ds, site.id, q.day ?? serviceDay(this.clock.now(), site.timezone));
  }
}
