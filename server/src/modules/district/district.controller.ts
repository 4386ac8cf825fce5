import { DISTRICT_DATA_ROLES, DistrictSummary } from '@hallwatch/shared';
import { Controller, Get } from '@nestjs/common';
import { Roles } from '../../core/auth/auth-rules';
import { RequestSite, SitePath } from '../../core/auth/request-site';
import { DistrictService } from './district.service';
import { ApiJson } from '../../core/openapi/shared-schema';

// The overview's first read; the socket's `district` subscription keeps it live afterwards.
@SitePath()
@Controller('api/v1/sites')
@Roles(...DISTRICT_DATA_ROLES)
export class DistrictController {
  constructor(private readonly district: DistrictService) {}

  /** Every site under a district hall, one compact summary each (docs/contracts/live-socket.md). */
  @ApiJson('DistrictSummary')
  @Get(':site/district')
  overview(@RequestSite() code: string): Promise<DistrictSummary> {
    return this.district.overview(code);
  }
}
