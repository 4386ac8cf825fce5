import {
  IndicatorSnapshot,
  IndicatorValues,
  LIVE_NAMESPACE,
  LiveAlert,
  LiveClientEvents,
  LiveServerEvents,
  STALE_AFTER_MS,
} from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { io, Socket } from 'socket.io-client';

export interface LiveState {
  site: string;
  values: IndicatorValues;
  departments: Record<string, IndicatorValues>;
  alerts: LiveAlert[];
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

/** Live indicators of one site over `/live`; a reconnect brings a fresh snapshot. */
export function useLiveSite(site: string, token?: string): LiveState {
  const [state, setState] = useState<LiveState>(() => ({
    site,
    values: {},
    departments: {},
    alerts: [],
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
        asOf: u.asOf,
        lastHeardAt: heard(),
        stale: false,
      })),
    );
    socket.on('alert', (a) =>
      setState((s) => ({
        ...s,
        alerts: a.state === 'raised' ? [a, ...s.alerts.filter((x) => x.id !== a.id)] : s.alerts.filter((x) => x.id !== a.id),
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
