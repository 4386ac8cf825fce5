import type { Role } from './roles';

// Field visits (实地督导) and mystery visits (暗访) of the district office to its town centres and
// village stations (items 23 and 46): planned, walked on a phone with the standardisation
// checklist, their findings sent to the town as 督查告知书 (docs/contracts/visits.md).

/** Who plans visits, issues notices from their findings and accepts the towns' answers. */
export const VISIT_PLANNER_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Who reads the month's plan and the visits: the planners, the leaders and the visitors themselves. */
export const VISIT_READER_ROLES = ['admin', 'supervisor', 'leader', 'patrol'] as const satisfies readonly Role[];
/** Who walks a visit on the phone (the assignee; a planner may stand in). */
export const VISIT_WALKER_ROLES = ['admin', 'supervisor', 'patrol'] as const satisfies readonly Role[];

export const VISIT_KINDS = ['field', 'mystery'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_STATES = ['planned', 'started', 'finished', 'cancelled'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

export const VISIT_RESULTS = ['pass', 'fail'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];

/** The rectification items a visit is evidence for: 23 (guidance of the towns) and 46 (their assessment). */
export const VISIT_ITEMS = [23, 46] as const;

/** Working days a town is given to answer a visit's notice, unless the office says otherwise. */
export const VISIT_NOTICE_DEFAULT_DAYS = 5;
export const VISIT_NOTICE_MAX_DAYS = 20;

export interface VisitPointDef {
  code: string;
  label: { zh: string; en: string };
}

/**
 * The standardisation guide's points as item 23 names them (功能分区, 事项进驻, 标识标牌, 人员熟悉
 * 岗位职责), with the on-post check and the conduct QR code its measures add; a site without its
 * own list is visited with these.
 */
export const DEFAULT_VISIT_POINTS: readonly VisitPointDef[] = [
  {
    code: 'layout',
    label: {
      zh: '功能分区合理：咨询导办、办事、等候、自助区域分明',
      en: 'Function areas laid out: enquiry, service, waiting and self-service apart',
    },
  },
  {
    code: 'items',
    label: {
      zh: '事项进驻完整：事项清单公示，与政务服务网一致',
      en: 'Service items stationed: the list posted and matching the online hall',
    },
  },
  {
    code: 'signage',
    label: { zh: '标识标牌醒目：门头、指引、窗口标识位置明显', en: 'Signage visible: front, guidance and window signs easy to find' },
  },
  {
    code: 'duties',
    label: { zh: '人员熟悉岗位职责：能说清本岗事项与办理流程', en: 'Staff know their duties: can explain their items and the procedure' },
  },
  { code: 'on-post', label: { zh: '工作人员在岗在位，工作状态良好', en: 'Staff on post and at work' } },
  { code: 'conduct-qr', label: { zh: '张贴群众身边不正之风和腐败问题集中整治二维码', en: 'Conduct campaign QR code posted' } },
];

export interface VisitSiteRef {
  code: string;
  name: string;
  nameEn: string | null;
  tier: 'town' | 'village';
}

export interface VisitView {
  id: string;
  site: VisitSiteRef;
  /** The town centre that answers for it: the site itself, or a village's town. */
  town: { code: string; name: string; nameEn: string | null };
  kind: VisitKind;
  plannedOn: string;
  assignee: string;
  plannedBy: string;
  state: VisitState;
  startedAt: string | null;
  startedBy: string | null;
  finishedAt: string | null;
  finishedBy: string | null;
  summary: string | null;
  /** A mystery visit's experience as a citizen; null for field visits and before it is finished. */
  mystery: VisitMystery | null;
  findings: number;
  openFindings: number;
}

export interface VisitMystery {
  waitedMin: number;
  servedCorrectly: boolean;
  experience: string;
}

export interface VisitCheckView {
  point: string;
  label: { zh: string; en: string };
  result: VisitResult | null;
  note: string | null;
  photo: string | null;
  recordedAt: string | null;
}

export type VisitFindingState = 'open' | 'noticed' | 'answered' | 'closed';

export interface VisitFindingView {
  id: string;
  point: string | null;
  text: string;
  occurredAt: string;
  state: VisitFindingState;
  notice: {
    id: string;
    number: string | null;
    deadline: string;
    status: 'open' | 'closed';
    overdue: boolean;
    reply: string | null;
    repliedAt: string | null;
    acceptedAt: string | null;
    escalatedAt: string | null;
    /** The district hall whose office issued it (its notice routes accept or escalate it). */
    office: string;
  } | null;
}

export interface VisitDetailView {
  visit: VisitView;
  checks: VisitCheckView[];
  findings: VisitFindingView[];
}

export interface VisitPlanView {
  month: string;
  towns: Array<{ town: { code: string; name: string; nameEn: string | null }; visits: VisitView[] }>;
}

/** What the plan form sends. */
export interface VisitPlanInput {
  /** The site code of the town centre or village station. */
  target: string;
  kind: VisitKind;
  plannedOn: string;
  assignee: string;
}

export interface VisitCheckInput {
  result: VisitResult;
  note?: string;
}

export interface VisitFinishInput {
  summary?: string;
  /** Findings beyond the failed points (each failed point is a finding of its own). */
  findings?: string[];
  mystery?: VisitMystery;
}

export interface VisitNoticeInput {
  workingDays?: number;
  text?: string;
}

/** One site's visits on the district overview. */
export interface SiteVisitFacts {
  lastVisitOn: string | null;
  lastVisitKind: VisitKind | null;
  openFindings: number;
}

/** A visit's notice as the town centre reads it (`GET .../visits/notices` at the town). */
export interface VisitNoticeView {
  id: string;
  number: string | null;
  office: string;
  finding: { id: string; point: string | null; text: string; occurredAt: string };
  visit: { id: string; site: string; siteName: string; kind: VisitKind; plannedOn: string };
  text: string | null;
  issuedAt: string;
  deadline: string;
  status: 'open' | 'closed';
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  acceptedAt: string | null;
  escalatedAt: string | null;
}
