import { hallClockParts, ROUTED_KIND_LABELS, type LiveAlert, type OutgoingMessage } from '@hallwatch/shared';

// The Chinese text of what routing sends: a raised alert, its clearing, the night's held ones.

/** The people a message @mentions, from the recipients it names. */
export interface Mentionable {
  name: string;
  mobile: string | null;
  userId: string | null;
  email: string | null;
}

export interface SiteNames {
  id: string;
  name: string;
  timezone: string;
}

// The notify contract's limit on a body; a digest of a long night is cut, saying how much was left out.
export const MARKDOWN_LIMIT = 4000;

export function hallTime(at: Date | string, timeZone: string): string {
  const p = hallClockParts(new Date(at), timeZone);
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function mentionsOf(people: readonly Mentionable[]): OutgoingMessage['mentions'] | undefined {
  const pick = (f: (p: Mentionable) => string | null) => [...new Set(people.map(f).filter((v): v is string => !!v))].slice(0, 50);
  const m = { mobiles: pick((p) => p.mobile), userIds: pick((p) => p.userId), emails: pick((p) => p.email) };
  return m.mobiles.length || m.userIds.length || m.emails.length ? m : undefined;
}

function mentionLine(people: readonly Mentionable[]): string {
  // DingTalk and WeCom @ a person only when the text names them too.
  const at = people.map((p) => (p.mobile ? `@${p.mobile}` : `@${p.name}`));
  return at.length ? `\n\n${at.join(' ')}` : '';
}

export function alertMessage(
  site: SiteNames,
  alert: LiveAlert,
  event: 'raised' | 'cleared',
  people: readonly Mentionable[],
  at: Date,
): OutgoingMessage {
  const kind = ROUTED_KIND_LABELS[alert.kind]?.zh ?? alert.kind;
  const level = alert.severity === 'breach' ? '严重' : '预警';
  const head = event === 'raised' ? `【${level}】${site.name} · ${kind}` : `【已解除】${site.name} · ${kind}`;
  const lines = [
    `### ${head}`,
    `- 内容：${alert.message.zh}`,
    `- 开始：${hallTime(alert.since, site.timezone)}`,
    ...(event === 'cleared' ? [`- 解除：${hallTime(at, site.timezone)}`] : []),
    ...(alert.items.length ? [`- 关联整改事项：${alert.items.map((n) => `第${n}项`).join('、')}`] : []),
  ];
  return {
    topic: event === 'raised' ? `alert.${alert.kind}` : 'alert.cleared',
    siteId: site.id,
    title: head.slice(0, 200),
    markdown: clip(lines.join('\n') + mentionLine(people)),
    mentions: mentionsOf(people),
  };
}

/** One message for what a rule held through its quiet hours, in the order it happened. */
export function heldDigestMessage(
  siteId: string | null,
  siteName: string,
  timeZone: string,
  held: ReadonlyArray<{ title: string; at: Date }>,
  people: readonly Mentionable[],
): OutgoingMessage {
  const title = `【夜间汇总】${siteName} · 免打扰时段内 ${held.length} 条消息`;
  const lines = held.map((h) => `- ${hallTime(h.at, timeZone)} ${h.title}`);
  return {
    topic: 'alert.held-digest',
    siteId,
    title: title.slice(0, 200),
    markdown: clip(`### ${title}\n${lines.join('\n')}${mentionLine(people)}`),
    mentions: mentionsOf(people),
  };
}

export function clip(markdown: string): string {
  if (markdown.length <= MARKDOWN_LIMIT) return markdown;
  const note = '\n- ……（其余内容过长未列出，请到系统查看）';
  return markdown.slice(0, MARKDOWN_LIMIT - note.length) + note;
}
