import {
  LiveAlert,
  PatrolRoundMark,
  NOTICE_ALERT_ITEMS,
  PATROL_ALERT_KINDS,
  ROUND_ALERT_ITEMS,
  ROUND_MISSED_AFTER_MIN,
  ROUND_OVERDUE_AFTER_MIN,
} from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { serviceDay } from '../../core/time/service-day';
import { AlertSource } from '../indicators/alert-sources';
import { PatrolIndicatorSource, PatrolIndicatorValues, PatrolValues, ZERO_PATROL } from '../indicators/patrol-indicators';
import { Site } from '../registry/site.entity';
import { queryRows } from '../../core/database/typed-query';
import { DepartmentCountRow, NoticeAlertRow, RoundAlertRow } from './patrol-rows';

// The wall's patrol numbers and alerts, read from the states the scheduler and the events
// have stored, inside the snapshot's transaction like every other indicator.

export const PATROL_INDICATOR_SOURCE: PatrolIndicatorSource = {
  async values(em: EntityManager, site: Site, _now: Date, day: string): Promise<PatrolIndicatorValues> {
    // The counts are the rounds' own states, so the tiles and the figures cannot disagree.
    const rounds = await queryRows<PatrolRoundMark>(
      em,
      `SELECT "time", state FROM patrol_rounds WHERE site_id = $1 AND day = $2 ORDER BY "time", slot`,
      [site.id, day],
    );
    const findings = await queryRows<DepartmentCountRow<string | null>>(
      em,
      `SELECT department, count(*)::int AS n FROM patrol_findings WHERE site_id = $1 AND status = 'open' GROUP BY department`,
      [site.id],
    );
    const notices = await queryRows<DepartmentCountRow<string>>(
      em,
      `SELECT department, count(*)::int AS n FROM patrol_notices WHERE site_id = $1 AND status = 'open' AND escalated_at IS NOT NULL GROUP BY department`,
      [site.id],
    );
    const departments: Record<string, Partial<PatrolValues>> = {};
    for (const f of findings) if (f.department) departments[f.department] = { ...departments[f.department], 'patrol.findings.open': f.n };
    for (const n of notices) departments[n.department] = { ...departments[n.department], 'notices.overdue': n.n };
    return {
      rounds,
      site: {
        ...ZERO_PATROL,
        'patrol.rounds.done': rounds.filter((r) => r.state === 'done').length,
        'patrol.rounds.due': rounds.filter((r) => r.state !== 'scheduled').length,
        // Recorded but not counted as done: the round was not really walked (docs/contracts/patrol.md).
        'patrol.rounds.doubtful': rounds.filter((r) => r.state === 'doubtful').length,
        'patrol.findings.open': findings.reduce((s, f) => s + f.n, 0),
        'notices.overdue': notices.reduce((s, n) => s + n.n, 0),
      },
      departments,
    };
  },
};

const hhmm = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

export const PATROL_ALERTS: AlertSource = {
  async alerts(em: EntityManager, site: Site, now: Date): Promise<LiveAlert[]> {
    const base = { state: 'raised' as const, site: site.code };
    const rounds = await queryRows<RoundAlertRow>(
      em,
      `SELECT code, time, state, overdue_at, missed_at FROM patrol_rounds WHERE site_id = $1 AND day = $2 AND state IN ('overdue', 'missed') ORDER BY slot`,
      [site.id, serviceDay(now, site.timezone)],
    );
    const out: LiveAlert[] = rounds.map((r) =>
      r.state === 'overdue'
        ? {
            ...base,
            id: `${PATROL_ALERT_KINDS.roundOverdue}:${r.code}`,
            kind: PATROL_ALERT_KINDS.roundOverdue,
            severity: 'warning',
            since: new Date(r.overdue_at).toISOString(),
            message: {
              zh: `${r.time} 巡查已逾期：超过 ${ROUND_OVERDUE_AFTER_MIN} 分钟未开始`,
              en: `${r.time} round overdue: not started within ${ROUND_OVERDUE_AFTER_MIN} min`,
            },
            items: [...ROUND_ALERT_ITEMS],
          }
        : {
            ...base,
            id: `${PATROL_ALERT_KINDS.roundMissed}:${r.code}`,
            kind: PATROL_ALERT_KINDS.roundMissed,
            severity: 'breach',
            since: new Date(r.missed_at).toISOString(),
            message: {
              zh: `${r.time} 巡查已错过：${ROUND_MISSED_AFTER_MIN} 分钟内未完成`,
              en: `${r.time} round missed: not completed within ${ROUND_MISSED_AFTER_MIN} min`,
            },
            items: [...ROUND_ALERT_ITEMS],
          },
    );
    const notices = await queryRows<NoticeAlertRow>(
      em,
      `SELECT n.id, n.department, d.name, d.name_en, n.deadline, n.escalated_at IS NOT NULL AS escalated, n.reminded_at
         FROM patrol_notices n LEFT JOIN departments d ON d.site_id = n.site_id AND d.code = n.department
         WHERE n.site_id = $1 AND n.status = 'open' AND (n.escalated_at IS NOT NULL OR n.reminded_at IS NOT NULL) ORDER BY n.deadline, n.id`,
      [site.id],
    );
    for (const n of notices) {
      const deadline = new Date(n.deadline);
      const when = hhmm(deadline, site.timezone);
      const zhName = n.name ?? n.department;
      const enName = n.name_en ?? n.name ?? n.department;
      out.push(
        n.escalated
          ? {
              ...base,
              id: `${PATROL_ALERT_KINDS.noticeOverdue}:${n.id}`,
              kind: PATROL_ALERT_KINDS.noticeOverdue,
              severity: 'breach',
              department: n.department,
              since: deadline.toISOString(),
              message: {
                zh: `${zhName}：督查告知书逾期未回复（期限 ${when}）`,
                en: `${enName}: supervision notice unanswered past its ${when} deadline`,
              },
              items: [...NOTICE_ALERT_ITEMS],
            }
          : {
              ...base,
              id: `${PATROL_ALERT_KINDS.noticeDueSoon}:${n.id}`,
              kind: PATROL_ALERT_KINDS.noticeDueSoon,
              severity: 'warning',
              department: n.department,
              since: new Date(n.reminded_at).toISOString(),
              message: {
                zh: `${zhName}：督查告知书将于 ${when} 到期，尚未回复`,
                en: `${enName}: supervision notice due ${when}, not yet answered`,
              },
              items: [...NOTICE_ALERT_ITEMS],
            },
      );
    }
    return out;
  },
};
