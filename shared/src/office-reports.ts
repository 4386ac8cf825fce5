// The office's generated documents (docs/contracts/reports.md): the monthly report (月度运行分析报告)
// and the draft of the next 整改情况 report, stored as .docx and listed for download.

export const OFFICE_REPORT_KINDS = ['monthly', 'rectification-draft'] as const;
export type OfficeReportKind = (typeof OFFICE_REPORT_KINDS)[number];

export const OFFICE_REPORT_LANGS = ['zh', 'en'] as const;
export type OfficeReportLang = (typeof OFFICE_REPORT_LANGS)[number];

/** Who asked for it: a person on the page, or the monthly schedule. */
export type OfficeReportTrigger = 'manual' | 'schedule';

export interface OfficeReportView {
  id: string;
  site: string;
  kind: OfficeReportKind;
  lang: OfficeReportLang;
  /** First and last day covered (hall-local calendar days). */
  from: string;
  to: string;
  /** The month of a monthly report (YYYY-MM); null for a draft. */
  month: string | null;
  /** The rectification report a draft follows (its ref); null for a monthly report. */
  reportRef: string | null;
  title: string;
  fileName: string;
  size: number;
  trigger: OfficeReportTrigger;
  createdBy: string;
  createdAt: string;
}

export interface OfficeReportListView {
  site: string;
  documents: OfficeReportView[];
}

/** What the page posts to make a monthly report. */
export interface MonthlyReportInput {
  month: string;
  lang?: OfficeReportLang;
}

/** What the page posts to make a draft of the next 整改情况 report. */
export interface RectificationDraftInput {
  /** The rectification report's ref ("main" unless the site keeps several). */
  report?: string;
  from: string;
  to: string;
  lang?: OfficeReportLang;
}

export const OFFICE_REPORT_KIND_LABELS: Record<OfficeReportKind, { zh: string; en: string }> = {
  monthly: { zh: '月度运行分析报告', en: 'Monthly operations report' },
  'rectification-draft': { zh: '整改情况报告（草稿）', en: 'Rectification progress report (draft)' },
};
