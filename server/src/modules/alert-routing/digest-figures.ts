import type { DigestFigure, DigestKind } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { addDays, zonedInstant } from '../../core/time/zoned-time';

interface Counts {
  served: number;
  wait_avg: number | null;
  wait_max: number | null;
  reviews: number;
  good: number;
  bad: number;
  complaints: number;
  complaints_open: number;
  rounds_due: number;
  rounds_done: number;
  rounds_missed: number;
  notices_overdue: number;
  items_off: number;
  items_off_numbers: number[] | null;
}

const minutes = (sec: number | null, unit: string) => (sec === null ? '—' : `${(sec / 60).toFixed(1)} ${unit}`);
const share = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/**
 * A site's figures over hall days `from`–`to` (inclusive): served, waits, ratings, complaints,
 * patrol, notices overdue now and the rectification items off target now. Read straight from the
 * stored rows, so a digest sent late or previewed says the same as one sent on time.
 */
export async function digestFigures(
  em: EntityManager,
  siteId: string,
  timeZone: string,
  from: string,
  to: string,
  now: Date,
): Promise<DigestFigure[]> {
  const start = zonedInstant(from, '00:00', timeZone);
  const end = zonedInstant(addDays(to, 1), '00:00', timeZone);
  const [c]: Counts[] = await em.query(
    `SELECT
       (SELECT count(*)::int FROM tickets WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND status = 'done') AS served,
       (SELECT round(avg(extract(epoch FROM first_called_at - wait_from)))::int FROM tickets
          WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND first_called_at IS NOT NULL AND wait_from IS NOT NULL) AS wait_avg,
       (SELECT round(max(extract(epoch FROM first_called_at - wait_from)))::int FROM tickets
          WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND first_called_at IS NOT NULL AND wait_from IS NOT NULL) AS wait_max,
       (SELECT count(*)::int FROM reviews WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND NOT excluded) AS reviews,
       (SELECT count(*)::int FROM reviews WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND NOT excluded AND rating >= 4) AS good,
       (SELECT count(*)::int FROM reviews WHERE site_id = $1 AND service_day BETWEEN $2 AND $3 AND NOT excluded AND rating <= 2) AS bad,
       (SELECT count(*)::int FROM follow_up_cases WHERE site_id = $1 AND kind = 'complaint' AND opened_at >= $4 AND opened_at < $5) AS complaints,
       (SELECT count(*)::int FROM follow_up_cases WHERE site_id = $1 AND kind = 'complaint'
          AND status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation')) AS complaints_open,
       (SELECT count(*)::int FROM patrol_rounds WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND due_at <= $6) AS rounds_due,
       (SELECT count(*)::int FROM patrol_rounds WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND state = 'done') AS rounds_done,
       (SELECT count(*)::int FROM patrol_rounds WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND state = 'missed') AS rounds_missed,
       (SELECT count(*)::int FROM patrol_notices WHERE site_id = $1 AND status = 'open' AND deadline < $6) AS notices_overdue,
       (SELECT count(*)::int FROM rectification_rebounds WHERE site_id = $1 AND rebounding) AS items_off,
       (SELECT array_agg(i.number ORDER BY i.number) FROM rectification_rebounds b JOIN rectification_items i ON i.id = b.item_id
          WHERE b.site_id = $1 AND b.rebounding) AS items_off_numbers`,
    [siteId, from, to, start, end, now],
  );
  const f = (key: string, zh: string, en: string, value: string, valueEn: string): DigestFigure => ({ key, zh, en, value, valueEn });
  const items = c.items_off_numbers ?? [];
  const missed = c.rounds_missed;
  return [
    f('served', '办结业务', 'Served', `${c.served} 件`, `${c.served}`),
    f('wait.avg', '平均等候', 'Average wait', minutes(c.wait_avg, '分钟'), minutes(c.wait_avg, 'min')),
    f('wait.max', '最长等候', 'Longest wait', minutes(c.wait_max, '分钟'), minutes(c.wait_max, 'min')),
    f(
      'reviews',
      '评价（好评率）',
      'Ratings (good share)',
      `${c.reviews} 条（${share(c.good, c.reviews)}）`,
      `${c.reviews} (${share(c.good, c.reviews)})`,
    ),
    f('reviews.bad', '差评', 'Bad ratings', `${c.bad} 条`, `${c.bad}`),
    f(
      'complaints',
      '投诉（未办结）',
      'Complaints (open)',
      `${c.complaints} 件（${c.complaints_open} 件未办结）`,
      `${c.complaints} (${c.complaints_open} open)`,
    ),
    f(
      'patrol',
      '巡查完成/应巡查',
      'Rounds done / due',
      `${c.rounds_done}/${c.rounds_due}${missed ? `（缺失 ${missed}）` : ''}`,
      `${c.rounds_done}/${c.rounds_due}${missed ? ` (${missed} missed)` : ''}`,
    ),
    f('notices.overdue', '逾期告知书', 'Notices overdue', `${c.notices_overdue} 份`, `${c.notices_overdue}`),
    f(
      'rectification.off',
      '整改事项偏离目标',
      'Rectification items off target',
      c.items_off ? `${c.items_off} 项（${items.map((n) => `第${n}项`).join('、')}）` : '0 项',
      c.items_off ? `${c.items_off} (items ${items.join(', ')})` : '0',
    ),
  ];
}

export function digestTitle(kind: DigestKind, siteName: string, from: string, to: string): string {
  return kind === 'daily' ? `【每日运行汇总】${siteName} · ${to}` : `【每周运行汇总】${siteName} · ${from} 至 ${to}`;
}

export function digestMarkdown(title: string, figures: readonly DigestFigure[]): string {
  return [`### ${title}`, ...figures.map((x) => `- ${x.zh}：${x.value}`)].join('\n');
}
