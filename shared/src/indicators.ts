// Canonical indicator ids of docs/contracts/indicators.md. Clients depend on these strings.

import type { LiveAlert } from './live';
import type { HallHours } from './hall-hours';
import type { RoundState } from './patrol';

export const INDICATOR_IDS = [
  'queue.waiting',
  'queue.wait.avg',
  'queue.wait.p90',
  'queue.wait.max',
  'queue.sla',
  'queue.wait.predicted',
  'queue.served',
  'queue.no_show.rate',
  'windows.open',
  'windows.serving',
  'windows.idle',
  'windows.imbalance',
  'staff.on_post',
  'staff.away.unregistered',
  'roster.presence',
  'reviews.active_rate',
  'reviews.good_rate',
  'reviews.bad.open',
  'complaints.open',
  'callbacks.verified_share',
  'callbacks.falsified_rate',
  'patrol.rounds.done',
  'patrol.rounds.due',
  'patrol.rounds.doubtful',
  'patrol.findings.open',
  'notices.overdue',
  'tidal.advice',
  'surge.risk',
] as const;

export type IndicatorId = (typeof INDICATOR_IDS)[number];

export type IndicatorUnit = 'count' | 'seconds' | 'ratio';

export interface IndicatorDefinition {
  id: IndicatorId;
  unit: IndicatorUnit;
  label: { zh: string; en: string };
  /** Rectification item numbers of the published report this indicator bears on. */
  items: number[];
}

const def = (id: IndicatorId, unit: IndicatorUnit, zh: string, en: string, items: number[]): IndicatorDefinition => ({
  id,
  unit,
  label: { zh, en },
  items,
});

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  'queue.waiting': def('queue.waiting', 'count', '当前等候', 'Waiting now', [22, 26]),
  'queue.wait.avg': def('queue.wait.avg', 'seconds', '平均等候', 'Average wait', [22, 26]),
  'queue.wait.p90': def('queue.wait.p90', 'seconds', '90%等候', 'Wait p90', [22, 26]),
  'queue.wait.max': def('queue.wait.max', 'seconds', '最长等候', 'Longest wait', [22, 26]),
  'queue.sla': def('queue.sla', 'ratio', '按时叫号率', 'Called within target', [22, 26]),
  'queue.wait.predicted': def('queue.wait.predicted', 'seconds', '预计等候', 'Predicted wait', [26]),
  'queue.served': def('queue.served', 'count', '今日办结', 'Served today', [2]),
  'queue.no_show.rate': def('queue.no_show.rate', 'ratio', '过号率', 'No-show rate', []),
  'windows.open': def('windows.open', 'count', '开放窗口', 'Windows open', [22]),
  'windows.serving': def('windows.serving', 'count', '办理中窗口', 'Windows serving', [22]),
  'windows.idle': def('windows.idle', 'count', '空闲窗口', 'Windows idle', [22]),
  'windows.imbalance': def('windows.imbalance', 'ratio', '忙闲不均', 'Window imbalance', [22]),
  'staff.on_post': def('staff.on_post', 'count', '在岗人员', 'Staff on post', [2, 48]),
  'staff.away.unregistered': def('staff.away.unregistered', 'count', '擅自离岗', 'Away unregistered', [22, 50, 51]),
  'roster.presence': def('roster.presence', 'ratio', '在册到岗率', 'Roster presence', [2, 48]),
  'reviews.active_rate': def('reviews.active_rate', 'ratio', '主动评价率', 'Active evaluation rate', [17]),
  'reviews.good_rate': def('reviews.good_rate', 'ratio', '好评率', 'Good rating rate', [17]),
  'reviews.bad.open': def('reviews.bad.open', 'count', '差评待回访', 'Bad reviews open', [8, 17, 25]),
  'complaints.open': def('complaints.open', 'count', '投诉待办结', 'Complaints open', [8, 25]),
  'callbacks.verified_share': def('callbacks.verified_share', 'ratio', '回访核实完成率', 'Callbacks verified', [8, 25]),
  'callbacks.falsified_rate': def('callbacks.falsified_rate', 'ratio', '虚假回访率', 'Falsified callbacks', [8, 25]),
  'patrol.rounds.done': def('patrol.rounds.done', 'count', '已完成巡查', 'Rounds done', [47]),
  'patrol.rounds.due': def('patrol.rounds.due', 'count', '应巡查', 'Rounds due', [47]),
  'patrol.rounds.doubtful': def('patrol.rounds.doubtful', 'count', '存疑巡查', 'Doubtful rounds', [47]),
  'patrol.findings.open': def('patrol.findings.open', 'count', '未整改发现', 'Open findings', [47]),
  'notices.overdue': def('notices.overdue', 'count', '逾期告知书', 'Overdue notices', [9, 47]),
  'tidal.advice': def('tidal.advice', 'count', '建议开潮汐窗口', 'Open a tidal window', [22, 26]),
  'surge.risk': def('surge.risk', 'count', '激增风险', 'Surge risk', [26]),
};

export type IndicatorValues = Partial<Record<IndicatorId, number | null>>;

export interface IndicatorSnapshot {
  site: string;
  asOf: string;
  /** Site level: every id of INDICATOR_IDS, null where the denominator or the data is missing. */
  values: IndicatorValues;
  /** Per department code (the registry's departments and any code today's data names). */
  departments: Record<string, IndicatorValues>;
  /** Alerts standing at `asOf`, all with state `raised`; one that is gone is no longer listed. */
  alerts: LiveAlert[];
  /** Every registry window, and any window where staff signed in that the registry lacks. */
  windows: WindowState[];
  /** Names and wait targets of the departments listed in `departments`, so that clients can label them. */
  departmentInfo: Record<string, DepartmentInfo>;
  siteInfo: SiteInfo;
}

export const WINDOW_STATES = ['serving', 'idle', 'unstaffed', 'away_registered', 'away_unregistered', 'closed'] as const;
/**
 * serving: staff on post with a ticket called or in service; idle: staff on post, no ticket;
 * unstaffed: an open window nobody is signed in at; away_registered: staff away on a break
 * within the allowed time, official business or a meeting; away_unregistered: away without
 * registering, or a break overrun; closed: a window the registry marks closed, nobody signed in.
 */
export type WindowStateKind = (typeof WINDOW_STATES)[number];

export interface WindowState {
  code: string;
  number: number | null;
  /** Owning department; null for a window the registry lacks. */
  department: string | null;
  /** Registry kind (general, tidal, green_channel …); "unknown" for a window the registry lacks. */
  kind: string;
  /** The registry's open flag (a closed tidal window is false). */
  isOpen: boolean;
  state: WindowStateKind;
  /** The staff member at the window (on post, else away), as the events name them. */
  staff: string | null;
  /** From the registry's staff table; null for staff the registry lacks. */
  staffName: string | null;
  /** The absence's reason while away (break, official_business, meeting, unregistered). */
  reason: string | null;
  /** Since when the window has been in this state, as far as the stored data shows; null when unknown. */
  since: string | null;
}

export interface DepartmentInfo {
  name: { zh: string; en: string };
  /** The wait target in force: the department's own, or the site's default. */
  waitTargetSec: number;
}

export interface SiteInfo {
  name: { zh: string; en: string };
  timeZone: string;
  waitTargetSec: number;
  /** Share of the target from which a wait warns. */
  waitWarnRatio: number;
  /** Opening hours (the site's setting, else 08:30–17:30 Monday to Friday). */
  hours: HallHours;
  /**
   * Today's patrol rounds in time order, each with its state; none when the site has no rounds
   * today. A round changes state a few times a day, and each change reaches the walls as a new
   * snapshot, as other changes to the site's info do.
   */
  patrolRounds: PatrolRoundMark[];
  /** The rotation includes the district page (a district hall's setting `wallDistrictPage`). */
  districtPage: boolean;
}

export interface PatrolRoundMark {
  /** Hall-local HH:MM. */
  time: string;
  state: RoundState;
}

/** `GET /api/v1/sites/:site/indicators/history`: one indicator's recorded value per hall-local hour. */
export interface IndicatorHistoryResponse {
  site: string;
  indicator: IndicatorId;
  /** Department code, or null for the site level. */
  department: string | null;
  /** The hall-local service day, YYYY-MM-DD. */
  day: string;
  /** Hours in order; each the last value recorded in that hour. */
  points: Array<{ hour: string; value: number | null }>;
}
