import { CHANNEL_ALERT_KIND, type LiveAlert } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { AlertSource } from '../indicators/alert-sources';
import { Site } from '../registry/site.entity';

interface Row {
  id: string;
  name: string;
  kind: string;
  unhealthy_since: Date;
  consecutive_failures: number;
}

const KIND_WORDS: Record<string, { zh: string; en: string }> = {
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
  wecom: { zh: '企业微信', en: 'WeCom' },
  email: { zh: '邮件', en: 'e-mail' },
  webhook: { zh: 'Webhook', en: 'webhook' },
};

/** A channel that keeps failing is an alert on the wall until a send through it succeeds: alerts it carries reach no one. */
export const CHANNEL_ALERTS: AlertSource = {
  async alerts(em: EntityManager, site: Site): Promise<LiveAlert[]> {
    const rows = await queryRows<Row>(
      em,
      `SELECT id, name, kind, unhealthy_since, consecutive_failures FROM notify_channels
       WHERE site_id = $1 AND enabled AND health = 'unhealthy' ORDER BY unhealthy_since, id`,
      [site.id],
    );
    return rows.map((r) => {
      const k = KIND_WORDS[r.kind] ?? { zh: r.kind, en: r.kind };
      return {
        id: `${CHANNEL_ALERT_KIND}:${r.id}`,
        state: 'raised',
        kind: CHANNEL_ALERT_KIND,
        severity: 'warning',
        site: site.code,
        since: new Date(r.unhealthy_since).toISOString(),
        message: {
          zh: `通知渠道「${r.name}」（${k.zh}）连续 ${r.consecutive_failures} 次发送失败，告警可能无法送达`,
          en: `Notification channel "${r.name}" (${k.en}) failed ${r.consecutive_failures} sends in a row; alerts may not reach anyone`,
        },
        items: [],
      };
    });
  },
};
