import type { DepartmentView, FollowUpListView, PatrolNoticeView, PatrolTodayView, WindowView } from '@hallwatch/shared';
import { get } from '../../api';

const site = (code: string) => encodeURIComponent(code);

// What the desk reads, all from routes that exist for the office already.
export const deskApi = {
  /** `_reload`: a count the desk bumps after an act, so that the queue is read again. */
  openCases: (s: string, _reload = 0) => get<FollowUpListView>(`/api/v1/admin/sites/${site(s)}/follow-ups`, { status: 'open' }),
  overdueNotices: (s: string) => get<PatrolNoticeView[]>(`/api/v1/admin/sites/${site(s)}/patrol/notices`, { status: 'overdue' }),
  today: (s: string) => get<PatrolTodayView>(`/api/v1/patrol/sites/${site(s)}/today`),
  departments: (s: string) => get<DepartmentView[]>(`/api/v1/admin/sites/${site(s)}/departments`),
  windows: (s: string) => get<WindowView[]>(`/api/v1/admin/sites/${site(s)}/windows`),
};
