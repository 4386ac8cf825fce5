import { DEPARTMENT_DESK_ROLES, type DepartmentTasksView } from '@hallwatch/shared';
import { Controller, Get } from '@nestjs/common';
import { Roles } from '../../core/auth/auth-rules';
import { RequestDepartment, RequestSite, SitePath } from '../../core/auth/request-site';
import { DepartmentDeskService } from './department-desk.service';
import { ApiJson } from '../../core/openapi/shared-schema';

/** The department page's one read (docs/security.md, "Department accounts"). */
@SitePath()
@Controller('api/v1/department/sites/:site')
@Roles(...DEPARTMENT_DESK_ROLES)
export class DepartmentDeskController {
  constructor(private readonly desk: DepartmentDeskService) {}

  /** Notices to reply to, open findings and follow-ups, its appeals, and this month's points lost. */
  @ApiJson('DepartmentTasksView')
  @Get('tasks')
  tasks(@RequestSite() site: string, @RequestDepartment() department: string | undefined): Promise<DepartmentTasksView> {
    // The guard refuses a department account without its department before any handler runs.
    if (department === undefined) throw new Error('the department desk was reached without a department');
    return this.desk.tasks(site, department);
  }
}
