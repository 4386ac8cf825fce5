import { BAD_REVIEW_ALERT_ITEMS, BAD_REVIEW_ALERT_KIND, LiveAlert } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { serviceDay } from '../../core/time/service-day';
import { AlertSource } from '../indicators/alert-sources';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';

/** Today's 差评 whose follow-up has had no first contact yet, newest first. */
export interface NewBadReviewRow {
  event_id: string;
  occurred_at: Date;
  rating: number;
  department: string;
  department_name: string | null;
  department_name_en: string | null;
  window: string | null;
  window_number: number | null;
  staff: string | null;
  staff_name: string | null;
}

const windowZh = (r: NewBadReviewRow) => (r.window_number !== null ? `${r.window_number}号窗口` : `窗口 ${r.window}`);

/**
 * The department's newest 差评 as one wall line, with how many of today's wait for their first
 * call: "3号窗口 王伟 差评 1 星，3 件待回访".
 */
export function badReviewAlert(site: { code: string }, newest: NewBadReviewRow, waiting: number): LiveAlert {
  const zhName = newest.department_name ?? newest.department;
  const enName = newest.department_name_en ?? newest.department_name ?? newest.department;
  const who = newest.staff_name ?? newest.staff;
  const whereZh = [newest.window !== null ? windowZh(newest) : null, who].filter(Boolean).join(' ');
  const whereEn = [newest.window !== null ? `window ${newest.window_number ?? newest.window}` : null, who].filter(Boolean).join(', ');
  return {
    // The review's own id: a newer 差评 of the department is a new line that slides in.
    id: `${BAD_REVIEW_ALERT_KIND}:${newest.event_id}`,
    state: 'raised',
    kind: BAD_REVIEW_ALERT_KIND,
    severity: 'warning',
    site: site.code,
    department: newest.department,
    ...(newest.window !== null ? { window: newest.window } : {}),
    ...(newest.staff !== null ? { staff: newest.staff } : {}),
    since: new Date(newest.occurred_at).toISOString(),
    // Short enough for the wall's line beside the longest department names: "+2" are the others not called back.
    message: {
      zh: `${zhName}：${whereZh ? `${whereZh} ` : ''}差评 ${newest.rating} 星${waiting > 1 ? `，${waiting} 件待回访` : ''}`,
      en: `${enName}: ${newest.rating}★ review${whereEn ? `, ${whereEn}` : ''}${waiting > 1 ? ` +${waiting - 1}` : ''}`,
    },
    items: [...BAD_REVIEW_ALERT_ITEMS],
  };
}

/**
 * A new 差评 on the wall at once (docs/contracts/reviews.md): each department's newest of today's
 * bad ratings (at or below the site's badReviewAlertRating) whose follow-up has not reached the
 * citizen yet, with a count of the others, so that a bad afternoon is one line per department.
 * It clears with the first contact, an upheld appeal, or at the end of the hall's day, after
 * which the follow-up's own deadline alerts (due today, overdue) carry the case.
 */
export const BAD_REVIEW_ALERTS: AlertSource = {
  async alerts(em: EntityManager, site: Site, now: Date): Promise<LiveAlert[]> {
    const rows = await queryRows<NewBadReviewRow>(
      em,
      // From the open cases (a few per department at most) to their reviews, by key.
      `SELECT r.event_id, r.occurred_at, r.rating, r.department, d.name AS department_name, d.name_en AS department_name_en,
         r."window", w.number AS window_number, r.staff, st.name AS staff_name
       FROM follow_up_cases c
       JOIN reviews r ON r.site_id = c.site_id AND r.event_id = c.source_id
       LEFT JOIN departments d ON d.site_id = r.site_id AND d.code = r.department
       LEFT JOIN windows w ON w.site_id = r.site_id AND w.code = r."window"
       LEFT JOIN staff st ON st.site_id = r.site_id AND st.code = r.staff
       WHERE c.site_id = $1 AND c.kind = 'review' AND c.status = 'awaiting_contact' AND c.first_contact_at IS NULL
         AND r.service_day = $2::date AND r.rating <= $3
       ORDER BY r.occurred_at DESC, r.event_id DESC`,
      [site.id, serviceDay(now, site.timezone), indicatorSettings(site.settings).badReviewAlertRating],
    );
    const byDepartment = new Map<string, NewBadReviewRow[]>();
    for (const r of rows) byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), r]);
    return [...byDepartment.values()].map((list) => badReviewAlert(site, list[0], list.length));
  },
};
