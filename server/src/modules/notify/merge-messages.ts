import type { OutgoingMessage } from '@hallwatch/shared';

const union = (lists: Array<string[] | undefined>): string[] | undefined => {
  const all = [...new Set(lists.flatMap((l) => l ?? []))];
  return all.length ? all : undefined;
};

/**
 * Several queued messages as one, when a channel's rate limit would otherwise hold them back:
 * each keeps its title and body, in the order they were queued, and every mention is kept.
 */
export function mergeMessages(messages: OutgoingMessage[]): OutgoingMessage {
  if (messages.length === 1) return messages[0];
  const first = messages[0];
  const sites = new Set(messages.map((m) => m.siteId));
  return {
    topic: first.topic,
    siteId: sites.size === 1 ? first.siteId : null,
    title: `[${messages.length}] ${first.title}`.slice(0, 200),
    markdown: messages.map((m) => `#### ${m.title}\n\n${m.markdown}`).join('\n\n---\n\n'),
    mentions: {
      mobiles: union(messages.map((m) => m.mentions?.mobiles)),
      userIds: union(messages.map((m) => m.mentions?.userIds)),
      emails: union(messages.map((m) => m.mentions?.emails)),
    },
  };
}
