import { CONTACT_WORKING_DAYS, FOLLOW_UP_ALERT_KINDS, LiveAlert } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { AlertSource } from '../indicators/alert-sources';
import { Site } from '../registry/site.entity';
import { addDays, localDay, zonedInstant } from '../../core/time/zoned-time';
import { OPEN_CASE } from './follow-up-views';

// The report's items on follow-up: 8 (complaints handled), 17 (好差评), 25 (complaint channels).
const ITEMS = [8, 17, 25];

interface DepartmentRow {
  department: string | null;
  name: string | null;
  overdue: number;
  overdue_since: Date | null;
  callback_missed: number;
  callback_since: Date | null;
  due_today: number;
}

const monthDay = (d: Date, tz: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: tz, month: '2-digit', day: '2-digit' }).format(d);

/**
 * Follow-up deadlines on the wall, one alert per department and kind rather than one per
 * case, so a bad afternoon does not bury the wall: overdue cases (escalated by their
 * deadline jobs) and real-name bad reviews not called back are breaches; cases due today warn.
 */
export const FOLLOW_UP_ALERTS: AlertSource = {
  async alerts(em: EntityManager, site: Site, now: Date): Promise<LiveAlert[]> {
    const rows: DepartmentRow[] = await em.query(
      `SELECT c.department, d.name,
         count(*) FILTER (WHERE c.resolve_overdue_at IS NOT NULL OR (c.first_contact_at IS NULL AND c.contact_overdue_at IS NOT NULL))::int AS overdue,
         min(LEAST(c.resolve_overdue_at, CASE WHEN c.first_contact_at IS NULL THEN c.contact_overdue_at END)) AS overdue_since,
         count(*) FILTER (WHERE c.real_name AND c.first_contact_at IS NULL AND c.contact_overdue_at IS NOT NULL)::int AS callback_missed,
         min(c.contact_overdue_at) FILTER (WHERE c.real_name AND c.first_contact_at IS NULL) AS callback_since,
         count(*) FILTER (WHERE c.resolve_overdue_at IS NULL AND NOT (c.first_contact_at IS NULL AND c.contact_overdue_at IS NOT NULL)
           AND (((CASE WHEN c.first_contact_at IS NULL THEN c.contact_due_at ELSE c.resolve_due_at END) - interval '1 second')
             AT TIME ZONE $3)::date = ($2::timestamptz AT TIME ZONE $3)::date)::int AS due_today
       FROM follow_up_cases c LEFT JOIN departments d ON d.site_id = c.site_id AND d.code = c.department
       WHERE c.site_id = $1 AND ${OPEN_CASE}
         -- Only a case due by the end of today can alert: a missed deadline lies in the past
         -- (moving one later clears its flag), and one due today is due before tomorrow.
         AND (c.contact_due_at <= $4 OR c.resolve_due_at <= $4)
       GROUP BY c.department, d.name`,
      [site.id, now, site.timezone, zonedInstant(addDays(localDay(now, site.timezone), 1), '00:00', site.timezone)],
    );
    const today = localDay(now, site.timezone);
    const alerts: LiveAlert[] = [];
    for (const r of rows) {
      const dept = r.department ?? '-';
      const zh = r.name ?? r.department ?? '未指定部门';
      const en = r.department ?? 'No department';
      const where = r.department ? { department: r.department } : {};
      if (r.overdue > 0 && r.overdue_since)
        alerts.push({
          id: `${FOLLOW_UP_ALERT_KINDS.overdue}:${dept}`,
          state: 'raised',
          kind: FOLLOW_UP_ALERT_KINDS.overdue,
          severity: 'breach',
          site: site.code,
          ...where,
          since: new Date(r.overdue_since).toISOString(),
          message: {
            zh: `${zh}：差评/投诉回访逾期 ${r.overdue} 件（最早 ${monthDay(new Date(r.overdue_since), site.timezone)} 起）`,
            en: `${en}: ${r.overdue} follow-up(s) past deadline`,
          },
          items: ITEMS,
        });
      if (r.callback_missed > 0 && r.callback_since)
        alerts.push({
          id: `${FOLLOW_UP_ALERT_KINDS.callback}:${dept}`,
          state: 'raised',
          kind: FOLLOW_UP_ALERT_KINDS.callback,
          severity: 'breach',
          site: site.code,
          ...where,
          since: new Date(r.callback_since).toISOString(),
          message: {
            zh: `${zh}：实名差评 ${r.callback_missed} 件未在 ${CONTACT_WORKING_DAYS} 个工作日内回访（要求 100%）`,
            en: `${en}: ${r.callback_missed} real-name bad review(s) not called back within ${CONTACT_WORKING_DAYS} working day (100% required)`,
          },
          items: ITEMS,
        });
      if (r.due_today > 0)
        alerts.push({
          id: `${FOLLOW_UP_ALERT_KINDS.dueToday}:${dept}`,
          state: 'raised',
          kind: FOLLOW_UP_ALERT_KINDS.dueToday,
          severity: 'warning',
          site: site.code,
          ...where,
          since: zonedInstant(today, '00:00', site.timezone).toISOString(),
          message: { zh: `${zh}：今日到期回访 ${r.due_today} 件`, en: `${en}: ${r.due_today} follow-up(s) due today` },
          items: ITEMS,
        });
    }
    return alerts;
  },
};
