import {
  DepartmentInfo,
  IndicatorSnapshot,
  IndicatorValues,
  LIVE_NAMESPACE,
  LiveAlert,
  LiveClientEvents,
  LiveServerEvents,
  SiteInfo,
  STALE_AFTER_MS,
  WindowState,
} from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { io, Socket } from 'socket.io-client';

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
  stale: boolean;
  /** Updated every second, so ages on screen move even when nothing arrives. */
  now: number;
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

/** Live indicators of one site over `/live`; a reconnect brings a fresh snapshot. */
export function useLiveSite(site: string, token?: string): LiveState {
  const [state, setState] = useState<LiveState>(() => ({
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
    stale: false,
    now: Date.now(),
  }));

  useEffect(() => {
    const socket: Socket<LiveServerEvents, LiveClientEvents> = io(LIVE_NAMESPACE, {
      auth: { site, token },
      transports: ['websocket'],
      reconnectionDelayMax: 3000,
    });
    const heard = () => Date.now();
    socket.on('connect', () => setState((s) => ({ ...s, connected: true })));
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on('snapshot', (snap: IndicatorSnapshot) =>
      setState((s) => ({
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
        stale: false,
      })),
    );
    socket.on('update', (u) =>
      setState((s) => ({
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
      setState((s) => ({
        ...s,
        alerts: a.state === 'raised' ? [a, ...s.alerts.filter((x) => x.id !== a.id)] : s.alerts.filter((x) => x.id !== a.id),
        // Only an alert not already standing is new (a re-sent one keeps its place on the wall).
        alertArrivals:
          a.state === 'raised' && !s.alerts.some((x) => x.id === a.id) ? { ...s.alertArrivals, [a.id]: heard() } : s.alertArrivals,
        lastHeardAt: heard(),
      })),
    );
    socket.on('heartbeat', () => setState((s) => ({ ...s, lastHeardAt: heard(), stale: false })));
    const tick = setInterval(() => {
      setState((s) => {
        const now = Date.now();
        return { ...s, now, stale: s.lastHeardAt !== null && now - s.lastHeardAt > STALE_AFTER_MS };
      });
    }, 1000);
    return () => {
      clearInterval(tick);
      socket.close();
    };
  }, [site, token]);

  return state;
}
