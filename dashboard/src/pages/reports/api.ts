import type { MonthlyReportInput, OfficeReportListView, OfficeReportView, RectificationDraftInput } from '@hallwatch/shared';
import { call, download, get } from '../../api';

// The office's documents (docs/contracts/reports.md), under the signed-in person's session.

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/reports`;

export const reportsApi = {
  list: (site: string) => get<OfficeReportListView>(base(site)),
  monthly: (site: string, input: MonthlyReportInput) => call<OfficeReportView>('POST', `${base(site)}/monthly`, { body: input }),
  draft: (site: string, input: RectificationDraftInput) =>
    call<OfficeReportView>('POST', `${base(site)}/rectification-draft`, { body: input }),
  /** Saves the .docx under the name the server gives it. */
  file: (site: string, doc: OfficeReportView) => download(`${base(site)}/${doc.id}/file`, {}, `${doc.kind}-${doc.from}.docx`),
};
