import type { IngestResponse, PatrolTodayView } from '@hallwatch/shared';
import type { NoticeBody, RoundEventBody } from './outbox';

// The patrol API. Until accounts exist the page holds the patrol token; on a patrol phone it
// stays in localStorage so the patroller signs in once per device, and "sign out" clears it.

const TOKEN_KEY = 'hallwatch.patrolToken';
const NAME_KEY = 'hallwatch.patroller';

export const credentials = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  patroller: (): string | null => localStorage.getItem(NAME_KEY),
  set: (token: string, patroller: string) => {
    localStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(NAME_KEY, patroller);
  },
  clear: () => {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(NAME_KEY);
  },
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
  const headers: Record<string, string> = { authorization: `Bearer ${credentials.token() ?? ''}` };
  if (type) headers['content-type'] = type;
  // A network failure throws a TypeError here: the caller keeps the record and tries later.
  const res = await fetch(url, { method, headers, body, cache: 'no-store' });
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
