import { createHmac } from 'node:crypto';
import { ChannelSecrets, Outgoing, postJson, robotResult, Sender, SendResult } from './sender';

/**
 * DingTalk's signature for a robot with 加签: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)),
 * timestamp in milliseconds; both go in the query, the signature URL-encoded.
 */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function dingtalkUrl(url: string, secret: string, timestamp: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
}

/** The markdown message; a mention shows only when its `@mobile` or `@userId` is also in the text. */
export function dingtalkBody(out: Outgoing): Record<string, unknown> {
  const m = out.message;
  const mobiles = m.mentions?.mobiles ?? [];
  const userIds = m.mentions?.userIds ?? [];
  const ats = [...mobiles, ...userIds].map((x) => `@${x}`).join(' ');
  return {
    msgtype: 'markdown',
    markdown: { title: m.title, text: `### ${m.title}\n\n${m.markdown}${ats ? `\n\n${ats}` : ''}` },
    at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: false },
  };
}

export const DINGTALK: Sender = {
  async send(_settings, secrets: ChannelSecrets, out: Outgoing, now: Date): Promise<SendResult> {
    const url = dingtalkUrl(secrets.url ?? '', secrets.secret ?? '', now.getTime());
    return robotResult(await postJson(url, JSON.stringify(dingtalkBody(out))));
  },
};
