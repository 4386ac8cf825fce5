// Default indicator links of the seed report's measurable items (docs/contracts/rectification.md), with the target
// each one promises. The server adds them when an item is first imported; an admin edits
// them afterwards. The wall may read them to show which promise a figure bears on.

import type { IndicatorId } from './indicators';
import type { LinkWindow, TargetComparator } from './rectification';

export interface RectificationTarget {
  indicator: IndicatorId;
  comparator: TargetComparator;
  target: number;
  window: LinkWindow;
  /** Why this target: what the report promises, in a sentence. */
  why: { zh: string; en: string };
}

export interface RectificationDefault {
  /** Item number in the seed report. */
  item: number;
  /**
   * Text the item's problem or measures must contain. A number alone does not identify a
   * problem across reports: another report's item 47 is about something else, and gets no default.
   */
  match: string;
  targets: RectificationTarget[];
}

const t = (
  indicator: IndicatorId,
  comparator: TargetComparator,
  target: number,
  window: LinkWindow,
  zh: string,
  en: string,
): RectificationTarget => ({ indicator, comparator, target, window, why: { zh, en } });

const ROUNDS_PER_DAY = 4;
/** The rate the report quotes for August 2024 was 99.52%; the promise is to stay at 99.5%. */
const ACTIVE_RATE = 0.995;
const GOOD_RATE = 0.98;
const SLA = 0.9;
/**
 * Of the closures drawn for a second callback this month, the share already called: a few days'
 * lag is normal (a case drawn today is verified tomorrow), so not all of them.
 */
const VERIFIED_SHARE = 0.9;

export const DEFAULT_RECTIFICATION_TARGETS: readonly RectificationDefault[] = [
  {
    item: 2,
    match: '三集中三到位',
    targets: [
      t(
        'roster.presence',
        '=',
        1,
        'now',
        '进驻名单人员全部实际到岗（应进尽进）',
        'Everyone on the roster is actually stationed in the hall',
      ),
    ],
  },
  {
    item: 8,
    match: '态度',
    targets: [
      t(
        'reviews.good_rate',
        '>=',
        GOOD_RATE,
        'day',
        '服务态度投诉体现为差评：好评率不低于98%',
        'Attitude complaints show as bad ratings: good rate at least 98%',
      ),
      t(
        'callbacks.falsified_rate',
        '=',
        0,
        'day',
        '投诉处理经抽查回访核实，无“未联系却登记已解决”',
        'Complaints checked by a second callback: none recorded as solved without contact',
      ),
    ],
  },
  {
    item: 9,
    match: '告知书',
    targets: [t('notices.overdue', '=', 0, 'now', '告知书下发后按期跟进，无逾期', 'Every notice is followed up by its deadline')],
  },
  {
    item: 17,
    match: '好差评',
    targets: [
      t(
        'reviews.active_rate',
        '>=',
        ACTIVE_RATE,
        'day',
        '“好差评”主动评价率保持在99.5%以上',
        'Active evaluation rate stays at 99.5% or above',
      ),
    ],
  },
  {
    item: 19,
    match: '受审分离',
    targets: [
      t(
        'patrol.findings.open',
        '=',
        0,
        'day',
        '巡查发现（含进入后台审批区）当日整改完毕',
        'Patrol findings (citizens in back offices included) closed the same day',
      ),
    ],
  },
  {
    item: 22,
    match: '离岗',
    targets: [
      t('queue.sla', '>=', SLA, 'day', '九成以上群众在等候目标内叫号', 'At least 90% of tickets called within the wait target'),
      t('staff.away.unregistered', '=', 0, 'now', '无擅自离岗', 'Nobody away from a window without registering'),
      t('tidal.advice', '=', 0, 'now', '排队超阈值时及时开放潮汐窗口', 'Tidal windows opened when a queue passes its threshold'),
    ],
  },
  {
    item: 24,
    match: '便民药箱',
    targets: [
      t('patrol.findings.open', '=', 0, 'day', '巡查发现的便民设施问题当日整改', 'Amenity findings of the patrol closed the same day'),
    ],
  },
  {
    item: 25,
    match: '投诉',
    targets: [
      t(
        'reviews.active_rate',
        '>=',
        ACTIVE_RATE,
        'day',
        '评价器与窗口人员一致、可用：主动评价率不低于99.5%',
        'Rating pads match the staff and work: active rate at least 99.5%',
      ),
      t(
        'callbacks.falsified_rate',
        '=',
        0,
        'day',
        '回访如实：抽查核实中无群众反映“至今无人联系”',
        'Callbacks are real: no citizen reached by a second call says nobody contacted them',
      ),
      t(
        'callbacks.verified_share',
        '>=',
        VERIFIED_SHARE,
        'day',
        '抽取的回访九成以上完成二次核实',
        'At least 90% of the callbacks drawn are verified by a second call',
      ),
    ],
  },
  {
    item: 26,
    match: '排号',
    targets: [
      t('queue.sla', '>=', SLA, 'day', '排号不难：九成以上在等候目标内叫号', 'Getting a number is easy: 90% called within the wait target'),
      t('surge.risk', '=', 0, 'now', '业务激增及时应对，不持续积压', 'A surge is answered before it lasts'),
    ],
  },
  {
    item: 46,
    match: '平均',
    targets: [
      t(
        'reviews.good_rate',
        '>=',
        GOOD_RATE,
        'day',
        '评价排名所依据的好评率（排名区分度指标待建）',
        'The good rate the ranking is built on (a ranking-spread indicator is still to come)',
      ),
    ],
  },
  {
    item: 47,
    match: '巡查',
    targets: [
      t('patrol.rounds.done', '>=', ROUNDS_PER_DAY, 'day', '一天四次督查巡查', 'Four patrol rounds a day'),
      t(
        'patrol.findings.open',
        '=',
        0,
        'day',
        '只有巡查没有落实：发现问题当日整改',
        'Findings are acted on the same day, not only recorded',
      ),
    ],
  },
  {
    item: 48,
    match: '进驻',
    targets: [t('roster.presence', '=', 1, 'now', '进驻名单与实际在岗一致', 'The roster matches who is really stationed')],
  },
  {
    item: 50,
    match: '外出',
    targets: [t('staff.away.unregistered', '=', 0, 'now', '外出均报备，无未登记离岗', 'Every absence is registered')],
  },
  {
    item: 51,
    match: '请销假',
    targets: [t('staff.away.unregistered', '=', 0, 'now', '请销假报备，无未登记离岗', 'Leave is registered; nobody away unregistered')],
  },
];

/** The default targets for an item, when its text shows it is the seed report's problem of that number. */
export function defaultTargetsFor(item: number, text: string): RectificationTarget[] {
  const d = DEFAULT_RECTIFICATION_TARGETS.find((x) => x.item === item);
  return d && text.includes(d.match) ? d.targets : [];
}
