import type { DepartmentTasksView } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { localMonth } from '../../core/time/zoned-time';
import { PatrolFindingsService } from '../patrol/patrol-findings.service';
import { PatrolNoticesService } from '../patrol/patrol-notices.service';
import { findSite } from '../registry/registry-change';
import { Department } from '../registry/department.entity';
import { AppealsService } from '../reviews/appeals.service';
import { FollowUpsService } from '../reviews/follow-ups.service';

/**
 * A department's desk: what its account has to do, read through the same scoped queries as the
 * notices', follow-ups' and appeals' own routes, so the page and those routes cannot disagree.
 */
@Injectable()
export class DepartmentDeskService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notices: PatrolNoticesService,
    private readonly findings: PatrolFindingsService,
    private readonly followUps: FollowUpsService,
    private readonly appeals: AppealsService,
  ) {}

  async tasks(siteCode: string, department: string): Promise<DepartmentTasksView> {
    const site = await findSite(this.ds.manager, siteCode);
    const dept = await this.ds.getRepository(Department).findOneBy({ siteId: site.id, code: department });
    if (!dept) throw new NotFoundException(`Site "${site.code}" has no department "${department}"`);
    const now = this.clock.now();
    const month = localMonth(now, site.timezone);
    // One after another: each reads on its own pooled connection, and the pool is shared.
    const notices = await this.notices.list(site.code, 'open', department);
    const findings = await this.findings.list(site.code, 'open', department);
    const followUps = await this.followUps.list(site, 'open', null, null, 1000, department);
    const appeals = await this.appeals.list(site, null, department);
    const deductions = await this.findings.deductions(site.code, month, department);
    return {
      site: site.code,
      timezone: site.timezone,
      department: { code: dept.code, name: dept.name, nameEn: dept.nameEn },
      asOf: now.toISOString(),
      notices,
      findings,
      followUps: followUps.cases,
      appeals,
      month: { month, points: deductions.reduce((sum, d) => sum + d.points, 0), deductions },
    };
  }
}
