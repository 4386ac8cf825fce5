import type { AppealReason, AppealView, DepartmentTasksView, FollowUpCaseView, PatrolNoticeView, PhoneRevealView } from '@hallwatch/shared';
import { call, get } from '../../api';

const admin = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}`;
const id = (s: string) => encodeURIComponent(s);

// A department account's reads and acts, under its session cookie. The acts go to the office's
// own routes, which admit a department account for its own department's records and answer
// another's as missing (docs/security.md, "Department accounts").
export const departmentApi = {
  tasks: (site: string) => get<DepartmentTasksView>(`/api/v1/department/sites/${encodeURIComponent(site)}/tasks`),
  reply: (site: string, notice: string, body: { reply: string; by?: string | null }) =>
    call<PatrolNoticeView>('POST', `${admin(site)}/patrol/notices/${id(notice)}/reply`, { body }),
  contact: (site: string, caseId: string, body: { reached: boolean; note?: string | null }) =>
    call<FollowUpCaseView>('POST', `${admin(site)}/follow-ups/${id(caseId)}/contact`, { body }),
  resolution: (site: string, caseId: string, body: { note: string }) =>
    call<FollowUpCaseView>('POST', `${admin(site)}/follow-ups/${id(caseId)}/resolution`, { body }),
  phone: (site: string, caseId: string) => call<PhoneRevealView>('POST', `${admin(site)}/follow-ups/${id(caseId)}/phone`),
  appeal: (site: string, reviewId: string, body: { reason: AppealReason; statement: string }) =>
    call<AppealView>('POST', `${admin(site)}/reviews/${id(reviewId)}/appeal`, { body }),
};
