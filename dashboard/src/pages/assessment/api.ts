import type { AssessmentEvidenceResult, AssessmentView, AssessmentWeights, AssessmentWeightsView } from '@hallwatch/shared';
import { call, download, get } from '../../api';

// The assessment's API (docs/contracts/assessment.md), under the signed-in person's session.

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/assessment`;

export const assessmentApi = {
  view: (site: string, month: string | null) => get<AssessmentView>(base(site), { month }),
  weights: (site: string) => get<AssessmentWeightsView>(`${base(site)}/weights`),
  setWeights: (site: string, weights: AssessmentWeights) =>
    call<AssessmentWeightsView>('PUT', `${base(site)}/weights`, { body: { weights } }),
  /** Saves the month's workbook under the name the server gives it. */
  exportXlsx: (site: string, month: string) => download(`${base(site)}/export.xlsx`, { month }, `assessment-${site}-${month}.xlsx`),
  evidence: (site: string, month: string) => call<AssessmentEvidenceResult>('POST', `${base(site)}/evidence`, { query: { month } }),
};
