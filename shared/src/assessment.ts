import type { Role } from './roles';

// The assessment of the town centres (考核, item 46 of the report): a scorecard per town per
// month from the stored data, weighted by criteria an admin sets (docs/contracts/assessment.md).

/** Who reads the scorecards: the assessment routes and the /assessment page. Only admins set weights. */
export const ASSESSMENT_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/** The criteria, in the order the scorecard shows them. Each is a share from 0 to 1, higher better. */
export const ASSESSMENT_CRITERIA = ['wait', 'good', 'active', 'onPost', 'absence', 'followUps', 'notices'] as const;
export type AssessmentCriterion = (typeof ASSESSMENT_CRITERIA)[number];

export type AssessmentWeights = Record<AssessmentCriterion, number>;

export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  wait: 20,
  good: 20,
  active: 10,
  onPost: 15,
  absence: 10,
  followUps: 15,
  notices: 10,
};

export const ASSESSMENT_CRITERION_LABELS: Record<AssessmentCriterion, { zh: string; en: string }> = {
  wait: { zh: '按时叫号率', en: 'Called within target' },
  good: { zh: '好评率', en: 'Good rating rate' },
  active: { zh: '主动评价率', en: 'Active rating rate' },
  onPost: { zh: '在册人员到岗率', en: 'Roster staff on post' },
  absence: { zh: '无擅自离岗率', en: 'Free of unregistered absence' },
  followUps: { zh: '差评投诉按时办结率', en: 'Follow-ups closed on time' },
  notices: { zh: '告知书按时回复率', en: 'Notices answered on time' },
};

/** The figures one criterion came from: `num` of `den` (what each counts is in the contract). */
export interface AssessmentEvidence {
  num: number;
  den: number;
}

export interface AssessmentPart {
  criterion: AssessmentCriterion;
  weight: number;
  /** num / den; null when there was nothing to judge (see `noData`). */
  share: number | null;
  /** weight × share, rounded to 2 decimals for display; the ranking compares exact shares. */
  points: number;
  /** Nothing to judge: rates with no denominator score 0, deadlines with nothing due score in full. */
  noData: 'zero' | 'full' | null;
  evidence: AssessmentEvidence;
}

export type AssessmentReasonKind = 'score' | 'criterion' | 'evidence' | 'tie' | 'last';

/** Why a place is above the next one down (or, for the last, that it is last). */
export interface AssessmentReason {
  kind: AssessmentReasonKind;
  /** The town just below; null for the last place. */
  next: string | null;
  nextName: string | null;
  nextNameEn: string | null;
  /** Points ahead of the next (score), rounded to 2 decimals. */
  gap: number;
  /** The criterion that separates it most from the next: its widest points gap, or the first unequal share. */
  criterion: AssessmentCriterion | null;
  /** This town's and the next's shares of that criterion. */
  mine: number | null;
  theirs: number | null;
}

export interface AssessmentRow {
  rank: number;
  site: string;
  name: string;
  nameEn: string | null;
  /** The sites whose data counts: the town centre and its village stations. */
  sites: number;
  score: number;
  parts: AssessmentPart[];
  reason: AssessmentReason;
}

export interface AssessmentView {
  site: string;
  siteName: string;
  month: string;
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
  weights: AssessmentWeights;
  rows: AssessmentRow[];
  spread: AssessmentSpread;
  /** By town code: the office's visits to the town and its villages in the month, and what became of their findings (items 23, 46). */
  visits: Record<string, AssessmentVisits>;
}

/** Visits finished in the month (实地督导, 暗访) and their findings: closed means the town's answer was accepted. */
export interface AssessmentVisits {
  made: number;
  mystery: number;
  findings: number;
  closed: number;
}

/** How far the ranking differentiates: item 46 found 2 of 8 towns ranked and 6 tied. */
export interface AssessmentSpread {
  towns: number;
  distinctRanks: number;
  /** Highest score − lowest score. */
  range: number;
}

export interface AssessmentWeightsView {
  site: string;
  weights: AssessmentWeights;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface AssessmentEvidenceResult {
  month: string;
  /** Item 46: the ranking's spread, with the scorecard workbook. */
  item: number;
  evidenceId: string;
  text: string;
  /** Item 23 (the town centres guided too little): the visits made to each town in the month. */
  visits: { item: number; evidenceId: string; text: string };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Why a town stands where it does, in the page's language; the workbook writes the same words. */
export function assessmentReasonText(r: AssessmentReason, lang: 'zh' | 'en'): string {
  const label = r.criterion ? ASSESSMENT_CRITERION_LABELS[r.criterion][lang] : '';
  const shares = `${pct(r.mine)} / ${pct(r.theirs)}`;
  const zh = lang === 'zh';
  const next = zh ? r.nextName : (r.nextNameEn ?? r.nextName);
  switch (r.kind) {
    case 'last':
      return zh ? '末位' : 'Last place';
    case 'tie':
      return zh ? `与${next}各项数据完全相同，并列` : `Every figure equals ${next}'s: tied`;
    case 'score':
      return zh
        ? `领先${next} ${r.gap.toFixed(2)} 分${label ? `，差距最大：${label}（${shares}）` : ''}`
        : `${r.gap.toFixed(2)} points ahead of ${next}${label ? `; widest gap: ${label} (${shares})` : ''}`;
    case 'criterion':
      return zh ? `与${next}同分，${label}更高（${shares}）` : `Same score as ${next}; higher ${label} (${shares})`;
    case 'evidence':
      return zh ? `与${next}同分同率，${label}依据样本更多` : `Same score and shares as ${next}; more evidence for ${label}`;
  }
}
