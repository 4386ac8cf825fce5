import type { IngestResponse, PatrolNoticeInput, PatrolRoundEvent, PatrolTodayView } from '@hallwatch/shared';
import { call, request } from '../../api';
import { OFFLINE_COPY_HEADER } from '../../offline/contract';

// The patrol API, under the patroller's own session cookie. The server records the signed-in
// account as the patroller; the phone keeps the name only to show it, and to fill in the
// events it records while offline.

const NAME_KEY = 'hallwatch.patroller';

export const patroller = {
  get: (): string | null => localStorage.getItem(NAME_KEY),
  set: (username: string): void => localStorage.setItem(NAME_KEY, username),
};

const base = (site: string) => `/api/v1/patrol/sites/${encodeURIComponent(site)}`;

// A network failure rejects with a TypeError, a refusal with an ApiError: the outbox keeps a
// record on the first and tries later, and sets it aside on the second.
export const patrolApi = {
  /** Today's rounds; `copy` when the service worker answered from its cache because the network did not. */
  today: async (site: string): Promise<{ view: PatrolTodayView; copy: boolean }> => {
    const res = await request('GET', `${base(site)}/today`);
    return { view: (await res.json()) as PatrolTodayView, copy: res.headers.has(OFFLINE_COPY_HEADER) };
  },
  events: (site: string, events: PatrolRoundEvent[]) => call<IngestResponse>('POST', `${base(site)}/events`, { body: { events } }),
  photo: (site: string, check: string, blob: Blob) =>
    call<void>('PUT', `${base(site)}/photos/${encodeURIComponent(check)}`, { body: blob }),
  notice: (site: string, notice: PatrolNoticeInput) => call<void>('POST', `${base(site)}/notices`, { body: notice }),
};
