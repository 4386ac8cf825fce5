import type { PatrolDeductionRow, PatrolFindingView, PatrolNoticeInput, PatrolNoticeView } from '@hallwatch/shared';
import { call, download, get } from '../../api';

const admin = (s: string) => `/api/v1/admin/sites/${encodeURIComponent(s)}/patrol`;

/** The office's patrol follow-up: findings, the notices issued from them, and the deductions they cost. */
export const noticesApi = {
  openFindings: (s: string) => get<PatrolFindingView[]>(`${admin(s)}/findings`, { status: 'open' }),
  notices: (s: string) => get<PatrolNoticeView[]>(`${admin(s)}/notices`, { status: 'all' }),
  // Issued where the patrol page issues them, so a notice from the desk is the same record.
  issue: (s: string, input: PatrolNoticeInput) =>
    call<PatrolNoticeView>('POST', `/api/v1/patrol/sites/${encodeURIComponent(s)}/notices`, { body: input }),
  accept: (s: string, id: string) => call<PatrolNoticeView>('POST', `${admin(s)}/notices/${id}/accept`, { body: {} }),
  escalate: (s: string, id: string, note: string | null) =>
    call<PatrolNoticeView>('POST', `${admin(s)}/notices/${id}/escalate`, { body: { note } }),
  /** Confirms the notice's finding as a violation: its department loses the points in the finding's month. */
  deduct: (s: string, finding: string, points: number | null) =>
    call<unknown>('POST', `${admin(s)}/findings/${finding}/violation`, { body: points === null ? {} : { points } }),
  deductionTable: (s: string, month: string) => get<PatrolDeductionRow[]>(`${admin(s)}/deductions`, { from: month, to: month }),
  exportDeductions: (s: string, month: string) => download(`${admin(s)}/deductions/${month}.xlsx`, {}, `deductions-${s}-${month}.xlsx`),
};

/** The printable notice page and the PDF, for links. */
export const noticePageHref = (site: string, id: string) => `/notice?site=${encodeURIComponent(site)}&id=${encodeURIComponent(id)}`;
export const noticePdfHref = (site: string, id: string) => `${admin(site)}/notices/${encodeURIComponent(id)}.pdf`;
