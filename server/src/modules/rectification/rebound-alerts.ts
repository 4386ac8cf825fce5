import {
  formatIndicatorValue,
  formatTarget,
  INDICATORS,
  LiveAlert,
  REBOUND_ALERT_KIND,
  type RectificationReboundView,
} from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { AlertSource } from '../indicators/alert-sources';
import { Site } from '../registry/site.entity';
import { ReboundRow } from './rectification-rows';

const WINDOW_WORD = { day: { zh: '每日', en: 'daily' }, now: { zh: '实时', en: 'live' } } as const;

function describe(links: RectificationReboundView['links'], lang: 'zh' | 'en'): string {
  return links
    .map((l) => {
      const label = INDICATORS[l.indicator]?.label[lang] ?? l.indicator;
      const where = l.department ? `${l.department} ` : '';
      const target = formatTarget(l.indicator, l.comparator, l.target, lang);
      const value = formatIndicatorValue(l.indicator, l.value, lang);
      return lang === 'zh'
        ? `${where}${label} ${value}，目标 ${target}（${WINDOW_WORD[l.window].zh}）`
        : `${where}${label} ${value}, target ${target} (${WINDOW_WORD[l.window].en})`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** A rectified item whose promise no longer holds is an alert on the wall for as long as it rebounds. */
export function reboundAlert(site: { code: string }, row: ReboundRow): LiveAlert {
  const departments = [...new Set(row.links.map((l) => l.department).filter((d): d is string => d !== null))];
  return {
    // The report's ref keeps two reports' item 47 apart.
    id: `${REBOUND_ALERT_KIND}:${row.ref}:${row.key}`,
    state: 'raised',
    kind: REBOUND_ALERT_KIND,
    severity: 'breach',
    site: site.code,
    ...(departments.length === 1 ? { department: departments[0] } : {}),
    since: row.since.toISOString(),
    message: {
      zh: `整改事项 #${row.number} 反弹：${describe(row.links, 'zh')}`,
      en: `Item #${row.number} rebounding: ${describe(row.links, 'en')}`,
    },
    items: [row.number],
  };
}

export const REBOUND_ALERTS: AlertSource = {
  async alerts(em: EntityManager, site: Site): Promise<LiveAlert[]> {
    const rows = await queryRows<ReboundRow>(
      em,
      `SELECT i.key, i.number, r.ref, b.since, b.links
       FROM rectification_rebounds b
       JOIN rectification_items i ON i.id = b.item_id
       JOIN rectification_reports r ON r.id = i.report_id
       WHERE b.site_id = $1 AND b.rebounding AND i.status = 'rectified'
       ORDER BY i.number`,
      [site.id],
    );
    return rows.map((row) => reboundAlert(site, { ...row, since: new Date(row.since) }));
  },
};
