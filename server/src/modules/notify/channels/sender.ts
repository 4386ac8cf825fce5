import type { OutgoingMessage } from '@hallwatch/shared';

/** What a sender needs of one send: the delivery carrying it (its id is the idempotency key) and the message. */
export interface Outgoing {
  deliveryId: string;
  /** Every delivery the message carries (more than one when the rate limit merged them). */
  carried: string[];
  message: OutgoingMessage;
}

export interface SendResult {
  ok: boolean;
  /** The channel's HTTP status or SMTP reply code; null when no answer came. */
  status: number | null;
  /** What the channel said, clipped, with nothing secret in it. */
  answer: string;
  /** False when trying again cannot help (a 4xx the receiver means): the delivery fails at once. */
  retryable: boolean;
}

export interface ChannelSecrets {
  url?: string;
  secret?: string;
  password?: string;
}

export interface Sender {
  send(settings: Record<string, unknown>, secrets: ChannelSecrets, out: Outgoing, now: Date): Promise<SendResult>;
}

export const SEND_TIMEOUT_MS = 10_000;
const ANSWER_MAX = 1000;

export const clip = (s: string): string => (s.length > ANSWER_MAX ? `${s.slice(0, ANSWER_MAX)}…` : s);

/** A URL's secret parts (query, user info) hidden, for error texts that reach the log or the screen. */
export function bareUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** POSTs JSON and reads the answer; network errors and timeouts are a failed, retryable result. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number | null; text: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return { status: res.status, text: clip(await res.text()) };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message);
    return { status: null, text: `${bareUrl(url)}: ${why}` };
  }
}

/** A 4xx other than 408/429 says the request itself is wrong: sending it again cannot help. */
export const retryableStatus = (status: number | null): boolean => status === null || status >= 500 || status === 408 || status === 429;

/** DingTalk's and WeCom's robots answer 200 with `{ errcode, errmsg }`; errcode 0 is success. */
export function robotResult(r: { status: number | null; text: string }): SendResult {
  if (r.status !== 200) return { ok: false, status: r.status, answer: r.text, retryable: retryableStatus(r.status) };
  let errcode: unknown;
  try {
    errcode = (JSON.parse(r.text) as { errcode?: unknown }).errcode;
  } catch {
    return { ok: false, status: r.status, answer: r.text, retryable: true };
  }
  return { ok: errcode === 0, status: r.status, answer: r.text, retryable: true };
}
