import type {
  AbsenceEntryView,
  AbsenceEvidenceResult,
  AbsenceFiguresView,
  AbsenceFiling,
  AbsenceListView,
  AbsenceState,
  DepartmentView,
  RollCallView,
  SiteView,
} from '@hallwatch/shared';
import { call, download, get } from '../../api';

// The outing and leave register's API (docs/contracts/absences.md), under the signed-in person's
// session cookie (a 401 sends them to /login).

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/absences`;

export interface ListQuery {
  day?: string | null;
  department?: string | null;
  state?: AbsenceState | null;
}

export const absencesApi = {
  sites: () => get<SiteView[]>('/api/v1/admin/sites'),
  departments: (site: string) => get<DepartmentView[]>(`/api/v1/admin/sites/${encodeURIComponent(site)}/departments`),
  list: (site: string, q: ListQuery) => get<AbsenceListView>(base(site), { day: q.day, department: q.department, state: q.state }),
  rollCall: (site: string) => get<RollCallView>(`${base(site)}/roll-call`),
  file: (site: string, filing: AbsenceFiling) => call<AbsenceEntryView>('POST', base(site), { body: filing }),
  decide: (site: string, id: string, decision: 'approved' | 'rejected', note: string) =>
    call<AbsenceEntryView>('POST', `${base(site)}/${id}/decision`, { body: note ? { decision, note } : { decision } }),
  cancel: (site: string, id: string) => call<AbsenceEntryView>('POST', `${base(site)}/${id}/cancel`, { body: {} }),
  returned: (site: string, id: string) => call<AbsenceEntryView>('POST', `${base(site)}/${id}/return`, { body: {} }),
  figures: (site: string, month: string) => get<AbsenceFiguresView>(`${base(site)}/figures`, { month }),
  /** Saves the month's workbook under the name the server gives it. */
  exportFigures: (site: string, month: string) => download(`${base(site)}/figures.xlsx`, { month }, `absences-${site}-${month}.xlsx`),
  evidence: (site: string, month: string) => call<AbsenceEvidenceResult>('POST', `${base(site)}/figures/evidence`, { query: { month } }),
};
