import {
  DepartmentInfo,
  IndicatorSnapshot,
  IndicatorValues,
  LiveAlert,
  LiveClientEvents,
  LiveServerEvents,
  SiteInfo,
  STALE_AFTER_MS,
  WindowState,
} from '@hallwatch/shared';
import type { Socket } from 'socket.io-client';

export type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

export interface LiveState {
  site: string;
  values: IndicatorValues;
  departments: Record<string, IndicatorValues>;
  alerts: LiveAlert[];
  /** When each alert standing now arrived as a live `alert` event (absent: it came with a snapshot). */
  alertArrivals: Record<string, number>;
  windows: WindowState[];
  departmentInfo: Record<string, DepartmentInfo>;
  siteInfo: SiteInfo | null;
  asOf: string | null;
  lastHeardAt: number | null;
  connected: boolean;
  /** The server turned the credential away, or ended it: socket.io does not retry that by itself. */
  refused: boolean;
  stale: boolean;
  /** Updated every second, so ages on screen move even when nothing arrives. */
  now: number;
}

/** A site's live state, kept outside React so that it can fill before the first render. */
export interface LiveStore {
  getState(): LiveState;
  subscribe(listener: () => void): () => void;
  close(): void;
}

function merge(base: Record<string, IndicatorValues>, patch: Record<string, IndicatorValues>) {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = { ...out[k], ...v };
  return out;
}

function mergeWindows(base: WindowState[], changed: WindowState[] | undefined): WindowState[] {
  if (!changed?.length) return base;
  const byCode = new Map(changed.map((w) => [w.code, w]));
  const out = base.map((w) => byCode.get(w.code) ?? w);
  const known = new Set(base.map((w) => w.code));
  for (const w of changed) if (!known.has(w.code)) out.push(w);
  return out;
}

const initial = (site: string): LiveState => ({
  site,
  values: {},
  departments: {},
  alerts: [],
  alertArrivals: {},
  windows: [],
  departmentInfo: {},
  siteInfo: null,
  asOf: null,
  lastHeardAt: null,
  connected: false,
  refused: false,
  stale: false,
  now: Date.now(),
});

/** Folds the `/live` events of one socket into a state; a reconnect brings a fresh snapshot. */
export function liveStore(site: string, socket: LiveSocket): LiveStore {
  let state = initial(site);
  const listeners = new Set<() => void>();
  const set = (next: (s: LiveState) => LiveState) => {
    state = next(state);
    for (const l of listeners) l();
  };
  const heard = () => Date.now();
  socket.on('connect', () => set((s) => ({ ...s, connected: true, refused: false })));
  socket.on('disconnect', (reason) => set((s) => ({ ...s, connected: false, refused: reason === 'io server disconnect' })));
  socket.on('snapshot', (snap: IndicatorSnapshot) =>
    set((s) => ({
      ...s,
      values: snap.values,
      departments: snap.departments,
      alerts: snap.alerts ?? [],
      alertArrivals: {},
      windows: snap.windows ?? [],
      departmentInfo: snap.departmentInfo ?? {},
      siteInfo: snap.siteInfo ?? null,
      asOf: snap.asOf,
      lastHeardAt: heard(),
      now: heard(),
      stale: false,
    })),
  );
  socket.on('update', (u) =>
    set((s) => ({
      ...s,
      values: { ...s.values, ...u.values },
      departments: merge(s.departments, u.departments),
      windows: mergeWindows(s.windows, u.windows),
      asOf: u.asOf,
      lastHeardAt: heard(),
      stale: false,
    })),
  );
  socket.on('alert', (a) =>
    set((s) => ({
      ...s,
      alerts: a.state === 'raised' ? [a, ...s.alerts.filter((x) => x.id !== a.id)] : s.alerts.filter((x) => x.id !== a.id),
      // Only an alert not already standing is new (a re-sent one keeps its place on the wall).
      alertArrivals:
        a.state === 'raised' && !s.alerts.some((x) => x.id === a.id) ? { ...s.alertArrivals, [a.id]: heard() } : s.alertArrivals,
      lastHeardAt: s.asOf === null ? s.lastHeardAt : heard(),
    })),
  );
  // A heartbeat vouches for data already shown: before the first snapshot (a loaded server
  // can send one first) the wall is still connecting, not "updated 0 s ago" over empty tiles.
  socket.on('heartbeat', () => set((s) => (s.asOf === null ? s : { ...s, lastHeardAt: heard(), stale: false })));
  const tick = setInterval(() => {
    set((s) => {
      const now = Date.now();
      return { ...s, now, stale: s.lastHeardAt !== null && now - s.lastHeardAt > STALE_AFTER_MS };
    });
  }, 1000);
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      clearInterval(tick);
      socket.close();
      listeners.clear();
    },
  };
}
