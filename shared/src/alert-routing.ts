import { BAD_REVIEW_ALERT_KIND, FOLLOW_UP_ALERT_KINDS } from './follow-ups';
import { LIVE_ALERT_KINDS, type LiveAlertKind } from './live';
import { CHANNEL_ALERT_KIND } from './notify';
import { PATROL_ALERT_KINDS } from './patrol';
import type { Role } from './roles';
import { REBOUND_ALERT_KIND } from './rectification';

// Which alerts reach whom (docs/contracts/alert-routing.md): rules an admin keeps per site, the
// people they @mention, quiet hours with a morning digest, escalations and the daily and weekly digests.

/** Who keeps the rules: the alert-routing routes and the /alert-routing page. */
export const ALERT_ROUTING_ROLES = ['admin'] as const satisfies readonly Role[];

/** Every wall alert kind, in the order the rules screen lists them. */
export const WALL_ALERT_KINDS: readonly LiveAlertKind[] = [
  ...LIVE_ALERT_KINDS,
  ...Object.values(FOLLOW_UP_ALERT_KINDS),
  BAD_REVIEW_ALERT_KIND,
  ...Object.values(PATROL_ALERT_KINDS),
  REBOUND_ALERT_KIND,
  CHANNEL_ALERT_KIND,
];

/** A follow-up still open at its deadline: the department head, one working day later the office's leader. */
export const ESCALATION_KIND = 'followup.escalation';

/** What a rule may route: the wall's alerts and the follow-up escalation chain. */
export const ROUTED_KINDS = [...WALL_ALERT_KINDS, ESCALATION_KIND] as const;
export type RoutedKind = LiveAlertKind | typeof ESCALATION_KIND;

export const DIGEST_KINDS = ['daily', 'weekly'] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

export const ALERT_SEVERITIES = ['warning', 'breach'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Who a recipient is to the escalation chain: the department's head, the office's leader, or anyone else. */
export const RECIPIENT_DUTIES = ['member', 'department_head', 'office_leader'] as const;
export type RecipientDuty = (typeof RECIPIENT_DUTIES)[number];

/** `site`: the rule's own site; `subtree`: it and every site under it (a town's villages; the district hall's every site). */
export const RULE_SCOPES = ['site', 'subtree'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

export interface QuietHours {
  /** HH:MM in the alert's site's time zone; may wrap past midnight (22:00–07:30). */
  from: string;
  to: string;
}

export interface AlertRecipientView {
  id: string;
  site: string;
  /** The department's code, or null for the site's office. */
  department: string | null;
  name: string;
  duty: RecipientDuty;
  mobile: string | null;
  userId: string | null;
  email: string | null;
}

export interface AlertRecipientInput {
  department?: string | null;
  name: string;
  duty?: RecipientDuty;
  mobile?: string | null;
  userId?: string | null;
  email?: string | null;
}

export interface AlertRuleView {
  id: string;
  site: string;
  name: string;
  enabled: boolean;
  scope: RuleScope;
  /** Empty: every kind. */
  kinds: RoutedKind[];
  minSeverity: AlertSeverity;
  channelId: string;
  recipientIds: string[];
  quietHours: QuietHours | null;
  /** Whether an alert's clearing is sent too. */
  sendCleared: boolean;
  digests: DigestKind[];
  updatedAt: string;
}

export interface AlertRuleInput {
  name: string;
  enabled?: boolean;
  scope?: RuleScope;
  kinds?: RoutedKind[];
  minSeverity?: AlertSeverity;
  channelId: string;
  recipientIds?: string[];
  quietHours?: QuietHours | null;
  sendCleared?: boolean;
  digests?: DigestKind[];
}

/** A notify channel a rule may use: its site's own, or one of a site above it. */
export interface RoutingChannelView {
  id: string;
  name: string;
  kind: string;
  site: string;
}

/** What was routed: sent at once, held for quiet hours, or carried by a morning digest. */
export const DISPATCH_STATES = ['sent', 'held', 'digested'] as const;
export type DispatchState = (typeof DISPATCH_STATES)[number];

export interface AlertDispatchView {
  id: string;
  ruleId: string | null;
  site: string;
  topic: string;
  title: string;
  state: DispatchState;
  at: string;
  heldUntil: string | null;
  deliveryId: string | null;
}

/** One figure of a digest, labelled in both languages. */
export interface DigestFigure {
  key: string;
  zh: string;
  en: string;
  /** As the Chinese message prints it. */
  value: string;
  /** The same for the English screen. */
  valueEn: string;
}

export interface DigestPreview {
  kind: DigestKind;
  site: string;
  /** The period it covers, hall dates inclusive. */
  from: string;
  to: string;
  title: string;
  markdown: string;
  figures: DigestFigure[];
}

/** The kinds' names as the rules screen and the messages print them. */
export const ROUTED_KIND_LABELS: Record<RoutedKind, { zh: string; en: string }> = {
  'wait.target': { zh: '等候超时', en: 'Wait over target' },
  'tidal.advice': { zh: '建议开潮汐窗口', en: 'Open a tidal window' },
  'surge.risk': { zh: '排队激增', en: 'Queue surge' },
  'staff.away': { zh: '未登记离岗', en: 'Unregistered absence' },
  'window.unattended': { zh: '窗口无人', en: 'Window unattended' },
  'windows.imbalance': { zh: '忙闲不均', en: 'Windows out of balance' },
  'followup.overdue': { zh: '回访逾期', en: 'Follow-up overdue' },
  'followup.due_today': { zh: '回访今日到期', en: 'Follow-up due today' },
  'followup.realname_callback': { zh: '实名差评待回访', en: 'Real-name callback due' },
  'review.bad': { zh: '新差评', en: 'New bad review' },
  'patrol.round.overdue': { zh: '巡查超时', en: 'Round overdue' },
  'patrol.round.missed': { zh: '巡查缺失', en: 'Round missed' },
  'notice.due_soon': { zh: '告知书将到期', en: 'Notice due soon' },
  'notice.overdue': { zh: '告知书逾期', en: 'Notice overdue' },
  'rectification.rebound': { zh: '整改反弹', en: 'Rectification rebound' },
  'notify.channel_unhealthy': { zh: '推送渠道故障', en: 'Channel failing' },
  'followup.escalation': { zh: '回访逾期升级', en: 'Follow-up escalation' },
};
