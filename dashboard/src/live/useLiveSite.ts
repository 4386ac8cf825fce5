import { LIVE_NAMESPACE } from '@hallwatch/shared';
import { useCallback, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { LiveSocket, LiveState, liveStore, LiveStore } from './live-store';

export type { LiveState } from './live-store';

// A link nobody watches is closed after this long: long enough for a screen to take over the
// one opened before it rendered, short enough not to keep a forgotten socket open.
const UNWATCHED_MS = 10_000;

interface Held {
  store: LiveStore;
  watchers: number;
  closer: ReturnType<typeof setTimeout> | null;
}
const links = new Map<string, Held>();

function openLive(site: string, token?: string): LiveStore {
  const socket: LiveSocket = io(LIVE_NAMESPACE, {
    auth: { site, token },
    transports: ['websocket'],
    reconnectionDelayMax: 3000,
  });
  return liveStore(site, socket);
}

function closeWhenUnwatched(key: string, held: Held): void {
  if (held.closer) clearTimeout(held.closer);
  held.closer = setTimeout(() => {
    if (held.watchers > 0) return;
    held.store.close();
    links.delete(key);
  }, UNWATCHED_MS);
}

function link(site: string, token?: string): { key: string; held: Held } {
  const key = JSON.stringify([site, token ?? null]);
  let held = links.get(key);
  if (!held) {
    held = { store: openLive(site, token), watchers: 0, closer: null };
    links.set(key, held);
    closeWhenUnwatched(key, held);
  }
  return { key, held };
}

/**
 * Opens the site's live link before any screen renders, so that the snapshot is on its way
 * while the screen's code is still loading; the screen's useLiveSite then takes it over.
 */
export function preconnectLive(site: string, token?: string): void {
  link(site, token);
}

function watch(key: string, held: Held, onChange: () => void): () => void {
  held.watchers++;
  if (held.closer) clearTimeout(held.closer);
  held.closer = null;
  const stop = held.store.subscribe(onChange);
  return () => {
    stop();
    held.watchers--;
    if (held.watchers === 0) closeWhenUnwatched(key, held);
  };
}

/** Live indicators of one site over `/live`; a reconnect brings a fresh snapshot. */
export function useLiveSite(site: string, token?: string): LiveState {
  const { key, held } = link(site, token);
  const subscribe = useCallback((onChange: () => void) => watch(key, held, onChange), [key, held]);
  return useSyncExternalStore(subscribe, held.store.getState);
}
