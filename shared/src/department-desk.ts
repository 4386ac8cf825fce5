import type { AppealView, FollowUpCaseView } from './follow-ups';
import type { PatrolDeductionView, PatrolFindingView, PatrolNoticeView } from './patrol';

/**
 * `GET /api/v1/department/sites/:site/tasks`: what a department account (进驻部门) has to do,
 * in one answer for its page. Everything is its own department's.
 */
export interface DepartmentTasksView {
  site: string;
  /** The hall's time zone, in which its people read every time below. */
  timezone: string;
  department: { code: string; name: string; nameEn: string | null };
  asOf: string;
  /** Open 督查告知书 to reply to, the nearest deadline first (`overdue` once past it). */
  notices: PatrolNoticeView[];
  /** Open findings addressed to the department, newest first. */
  findings: PatrolFindingView[];
  /** Open follow-ups (差评回访 and complaints), the nearest resolution deadline first. */
  followUps: FollowUpCaseView[];
  /** Its appeals (申诉), newest first, with their state. */
  appeals: AppealView[];
  /** This month (hall time, YYYY-MM): points lost in the monthly assessment and the deductions behind them. */
  month: { month: string; points: number; deductions: PatrolDeductionView[] };
}
