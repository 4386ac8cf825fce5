import type {
  PatrolNoticeView,
  VisitCheckInput,
  VisitDetailView,
  VisitFinishInput,
  VisitNoticeInput,
  VisitNoticeView,
  VisitPlanInput,
  VisitPlanView,
  VisitView,
} from '@hallwatch/shared';
import { call, get } from '../../api';

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/visits`;

export const visitsApi = {
  month: (site: string, month: string | null) => get<VisitPlanView>(base(site), { month }),
  plan: (site: string, input: VisitPlanInput) => call<VisitView>('POST', base(site), { body: input }),
  detail: (site: string, id: string) => get<VisitDetailView>(`${base(site)}/${id}`),
  start: (site: string, id: string) => call<VisitDetailView>('POST', `${base(site)}/${id}/start`),
  check: (site: string, id: string, point: string, input: VisitCheckInput) =>
    call<VisitDetailView>('PUT', `${base(site)}/${id}/checks/${encodeURIComponent(point)}`, { body: input }),
  photo: (site: string, id: string, point: string, blob: Blob) =>
    call<void>('PUT', `${base(site)}/${id}/checks/${encodeURIComponent(point)}/photo`, { body: blob }),
  finish: (site: string, id: string, input: VisitFinishInput) =>
    call<VisitDetailView>('POST', `${base(site)}/${id}/finish`, { body: input }),
  notice: (site: string, id: string, finding: string, input: VisitNoticeInput) =>
    call<VisitDetailView>('POST', `${base(site)}/${id}/findings/${finding}/notice`, { body: input }),
  addressed: (town: string) => get<VisitNoticeView[]>(`${base(town)}/notices/addressed`),
  reply: (town: string, notice: string, reply: string) =>
    call<VisitNoticeView>('POST', `${base(town)}/notices/${notice}/reply`, { body: { reply } }),
  accept: (office: string, notice: string) =>
    call<PatrolNoticeView>('POST', `/api/v1/admin/sites/${encodeURIComponent(office)}/patrol/notices/${notice}/accept`),
};
