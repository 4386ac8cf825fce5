import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorText } from '../../api';
import { patrolApi } from './api';
import { FailedEntry, outbox, OutboxEntry } from './outbox';

export interface SyncState {
  pending: number;
  sending: boolean;
  failed: FailedEntry[];
  /** Not signed in (any more): the page goes to sign in; the records wait on the phone. */
  unauthorized: boolean;
}

const RETRY_MS = 4000;
const MAX_EVENTS_PER_POST = 200;

const describe = (e: OutboxEntry): string =>
  e.kind === 'events'
    ? e.events.map((x) => `${x.type} ${x.data.round ?? ''}`).join(', ')
    : e.kind === 'photo'
      ? `photo ${e.check}`
      : `notice ${e.notice.id}`;

/**
 * Sends the outbox in order, one entry (or a run of event entries) at a time. It stops at the
 * first network failure and tries again on `online` and every few seconds; an entry is
 * removed only after the server's answer, so nothing is lost, and the ids make a resend
 * after a lost answer count once, so nothing is doubled.
 */
export function useOutbox(
  onDelivered: () => void,
): SyncState & { enqueue: (e: OutboxEntry) => Promise<void>; flush: () => Promise<void>; dismissFailed: () => Promise<void> } {
  const [state, setState] = useState<SyncState>({ pending: 0, sending: false, failed: [], unauthorized: false });
  const running = useRef(false);
  const delivered = useRef(onDelivered);
  useEffect(() => {
    delivered.current = onDelivered;
  });

  const refresh = useCallback(async (patch: Partial<SyncState> = {}) => {
    const [pending, failed] = await Promise.all([outbox.count(), outbox.failed()]);
    setState((s) => ({ ...s, ...patch, pending, failed }));
  }, []);

  const sendOne = useCallback(async (entries: OutboxEntry[]): Promise<void> => {
    const first = entries[0];
    if (first.kind === 'photo') return patrolApi.photo(first.site, first.check, first.blob);
    if (first.kind === 'notice') return patrolApi.notice(first.site, first.notice);
    const group: Array<Extract<OutboxEntry, { kind: 'events' }>> = [first];
    for (const e of entries.slice(1)) {
      if (e.kind !== 'events' || e.site !== first.site) break;
      if (group.reduce((n, g) => n + g.events.length, 0) + e.events.length > MAX_EVENTS_PER_POST) break;
      group.push(e);
    }
    const events = group.flatMap((g) => g.events);
    const res = await patrolApi.events(first.site, events);
    const at = new Date().toISOString();
    for (const [i, r] of res.results.entries())
      if (r.status === 'rejected')
        await outbox.addFailed({ what: `${events[i].type} ${events[i].data.round ?? ''}`, reason: `${r.field}: ${r.reason}`, at });
    for (const g of group.slice(1)) await outbox.remove(g.seq!);
  }, []);

  const flush = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    let sent = false;
    try {
      for (;;) {
        const entries = await outbox.all();
        if (!entries.length) break;
        setState((s) => ({ ...s, sending: true, pending: entries.length }));
        const first = entries[0];
        try {
          await sendOne(entries);
          await outbox.remove(first.seq!);
          sent = true;
        } catch (err) {
          if (!(err instanceof ApiError)) break; // offline, or the connection dropped: keep everything
          if (err.status === 401) {
            await refresh({ unauthorized: true });
            break;
          }
          // 409: what it refers to has not arrived yet; 5xx/429: the server is struggling. Both pass.
          if (err.status === 409 || err.status === 429 || err.status >= 500) break;
          await outbox.fail(first.seq!, { what: describe(first), reason: errorText(err), at: new Date().toISOString() });
        }
      }
    } finally {
      running.current = false;
      await refresh({ sending: false });
      if (sent) delivered.current();
    }
  }, [refresh, sendOne]);

  const enqueue = useCallback(
    async (entry: OutboxEntry) => {
      await outbox.add(entry);
      await refresh();
      void flush();
    },
    [flush, refresh],
  );

  const dismissFailed = useCallback(async () => {
    await outbox.clearFailed();
    await refresh();
  }, [refresh]);

  useEffect(() => {
    void Promise.resolve().then(() => refresh().then(() => flush()));
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [flush, refresh]);

  return { ...state, enqueue, flush, dismissFailed };
}
