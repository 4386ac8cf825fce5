import type { Role } from './roles';

// Notification channels and their deliveries (docs/notifications.md): alerts reach people away
// from the wall through a DingTalk or WeCom group robot, e-mail, or a signed HTTPS webhook.

export const CHANNEL_KINDS = ['dingtalk', 'wecom', 'email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Who manages a site's channels and reads their delivery log: the notify routes and /notify. */
export const NOTIFY_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];

/** One message for one channel; each channel renders it in its own format. */
export interface OutgoingMessage {
  /** What it is about, e.g. `alert.raised` or `channel.test`; shown in the delivery log. */
  topic: string;
  /** The site's id (uuid) it concerns, or null for the system itself. */
  siteId: string | null;
  title: string;
  /** Markdown body: headings, lists, bold and links, which every channel renders or degrades gracefully. */
  markdown: string;
  mentions?: { mobiles?: string[]; userIds?: string[]; emails?: string[] };
}

/**
 * queued: waiting for its job (or for the channel's rate limit); sending: an attempt is under way;
 * sent: the channel accepted it; failed: every attempt failed, or the channel refused it for good.
 */
export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type ChannelHealth = 'unknown' | 'healthy' | 'unhealthy';

/** Wall alert kind of a channel that keeps failing. */
export const CHANNEL_ALERT_KIND = 'notify.channel_unhealthy' as const;

/** The secret fields of each kind: written, never read back (the API shows a masked hint). */
export const CHANNEL_SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  dingtalk: ['url', 'secret'],
  wecom: ['url'],
  email: ['password'],
  webhook: ['url', 'secret'],
};

export interface ChannelView {
  id: string;
  site: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  /** Sends per minute before queued messages are merged or delayed. */
  ratePerMinute: number;
  /** The kind's plain settings (e-mail host, port, sender, recipients; default mentions). */
  settings: Record<string, unknown>;
  /** Per secret field, a masked hint (`https://oapi.dingtalk.com/…a1b2`, `••••9f3c`), or null when unset. */
  secrets: Record<string, string | null>;
  health: ChannelHealth;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface DeliveryView {
  id: string;
  channelId: string;
  channelName: string;
  topic: string;
  title: string;
  state: DeliveryState;
  attempts: number;
  /** The channel's HTTP status (or SMTP code) of the last attempt. */
  lastStatus: number | null;
  /** The channel's answer to the last attempt, clipped. */
  lastAnswer: string | null;
  /** When merged into another delivery's message because of the rate limit, that delivery's id. */
  batchId: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ChannelTestResult {
  ok: boolean;
  status: number | null;
  answer: string;
  deliveryId: string;
}
