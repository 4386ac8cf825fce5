import type { DepartmentTasksView } from '@hallwatch/shared';
import { get } from '../../api';

// A department account's one read, under its session cookie (docs/security.md, "Department accounts").
export const departmentApi = {
  tasks: (site: string) => get<DepartmentTasksView>(`/api/v1/department/sites/${encodeURIComponent(site)}/tasks`),
};
