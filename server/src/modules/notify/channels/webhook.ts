import { createHmac } from 'node:crypto';
import { ChannelSecrets, Outgoing, postJson, retryableStatus, Sender, SendResult } from './sender';

// The generic webhook's signature (docs/notifications.md): HMAC-SHA256 over `${timestamp}.${body}`
// with the channel's secret, hex, beside the timestamp (Unix seconds) it covers.
export const TIMESTAMP_HEADER = 'x-hallwatch-timestamp';
export const SIGNATURE_HEADER = 'x-hallwatch-signature';
export const DELIVERY_HEADER = 'x-hallwatch-delivery';

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookBody(out: Outgoing, now: Date): string {
  const m = out.message;
  return JSON.stringify({
    id: out.deliveryId,
    carried: out.carried,
    topic: m.topic,
    siteId: m.siteId,
    title: m.title,
    markdown: m.markdown,
    mentions: m.mentions ?? {},
    sentAt: now.toISOString(),
  });
}

export const WEBHOOK: Sender = {
  async send(_settings, secrets: ChannelSecrets, out: Outgoing, now: Date): Promise<SendResult> {
    const body = webhookBody(out, now);
    const timestamp = Math.floor(now.getTime() / 1000);
    const r = await postJson(secrets.url ?? '', body, {
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: webhookSignature(secrets.secret ?? '', timestamp, body),
      [DELIVERY_HEADER]: out.deliveryId,
    });
    const ok = r.status !== null && r.status >= 200 && r.status < 300;
    return { ok, status: r.status, answer: r.text, retryable: !ok && retryableStatus(r.status) };
  },
};
