import { ChannelSecrets, Outgoing, postJson, robotResult, Sender, SendResult } from './sender';

const utf8Clip = (s: string, bytes: number): string => {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= bytes) return s;
  return `${b
    .subarray(0, bytes - 3)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}…`;
};

/**
 * WeCom's group robot: markdown (content up to 4096 bytes) mentions members as `<@userid>` in
 * the content; mobiles can only be mentioned by the text message's `mentioned_mobile_list`
 * (content up to 2048 bytes), so a message that mentions mobiles goes as text.
 */
export function wecomBody(out: Outgoing): Record<string, unknown> {
  const m = out.message;
  const userIds = m.mentions?.userIds ?? [];
  const mobiles = m.mentions?.mobiles ?? [];
  if (mobiles.length) {
    return {
      msgtype: 'text',
      text: {
        content: utf8Clip(`${m.title}\n${m.markdown}`, 2048),
        mentioned_list: userIds,
        mentioned_mobile_list: mobiles,
      },
    };
  }
  const ats = userIds.map((u) => `<@${u}>`).join(' ');
  return { msgtype: 'markdown', markdown: { content: utf8Clip(`### ${m.title}\n${m.markdown}${ats ? `\n${ats}` : ''}`, 4096) } };
}

export const WECOM: Sender = {
  async send(_settings, secrets: ChannelSecrets, out: Outgoing): Promise<SendResult> {
    return robotResult(await postJson(secrets.url ?? '', JSON.stringify(wecomBody(out))));
  },
};
