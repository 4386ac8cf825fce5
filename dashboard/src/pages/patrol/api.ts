import type { IngestResponse, PatrolTodayView } from '@hallwatch/shared';
import type { NoticeBody, RoundEventBody } from './outbox';

// The patrol API, under the patroller's own session cookie. The server records the signed-in
// account as the patroller; the phone keeps the name only to show it, and to fill in the
// events it records while offline.

const NAME_KEY = 'hallwatch.patroller';

export const patroller = {
  get: (): string | null => localStorage.getItem(NAME_KEY),
  set: (username: string): void => localStorage.setItem(NAME_KEY, username),
};

/** The server answered, but not with success; `status` says whether trying again can help. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const base = (site: string) => `/api/v1/patrol/sites/${encodeURIComponent(site)}`;

async function send(method: string, url: string, body?: BodyInit, type?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  // A network failure throws a TypeError here: the caller keeps the record and tries later.
  const res = await fetch(url, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string | string[] };
    const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? res.statusText);
    throw new ApiError(res.status, message);
  }
  return res;
}

export const patrolApi = {
  today: async (site: string): Promise<PatrolTodayView> => (await send('GET', `${base(site)}/today`)).json(),
  events: async (site: string, events: RoundEventBody[]): Promise<IngestResponse> =>
    (await send('POST', `${base(site)}/events`, JSON.stringify({ events }), 'application/json')).json(),
  photo: async (site: string, check: string, blob: Blob): Promise<void> => {
    await send('PUT', `${base(site)}/photos/${encodeURIComponent(check)}`, blob, blob.type || 'application/octet-stream');
  },
  notice: async (site: string, notice: NoticeBody): Promise<void> => {
    await send('POST', `${base(site)}/notices`, JSON.stringify(notice), 'application/json');
  },
};
