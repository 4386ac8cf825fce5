import { LIVE_NAMESPACE, type DistrictUpdate, type LiveServerEvents, type SiteSummary } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { districtApi } from './api';

export interface DistrictState {
  sites: SiteSummary[] | null;
  /** The link is up (the first read alone is not live). */
  live: boolean;
  /** When the page last heard anything of the district. */
  heardAt: number | null;
  error: unknown;
}

/**
 * The district's summaries: one read, then one socket subscription for the whole district (not
 * one per site), which sends every summary on connecting and a site's again when it changes.
 */
const EMPTY: DistrictState = { sites: null, live: false, heardAt: null, error: null };

/** `token`: a display token (the wall's district page); without one the session cookie is used. */
export function useDistrict(hall: string | null, token?: string): DistrictState {
  // Held with the hall it is of: another hall chosen starts from nothing, not from the last one's sites.
  const [held, setHeld] = useState<{ hall: string | null; state: DistrictState }>({ hall: null, state: EMPTY });
  useEffect(() => {
    if (!hall) return;
    let open = true;
    const setState = (next: (s: DistrictState) => DistrictState) =>
      setHeld((h) => ({ hall, state: next(h.hall === hall ? h.state : EMPTY) }));
    // Until a read of every site has arrived, the page shows none: a few sites' changes are not the district.
    let pieces: SiteSummary[] = [];
    const merge = (incoming: SiteSummary[], complete: boolean) =>
      setState((s) => {
        if (!complete && !s.sites) {
          pieces = [...pieces, ...incoming];
          return s;
        }
        const by = new Map((s.sites ?? []).map((x) => [x.site, x]));
        // The newer summary of a site wins, whichever way it came (a read may overtake a push).
        for (const x of [...incoming, ...pieces]) {
          const held = by.get(x.site);
          if (!held || held.asOf <= x.asOf) by.set(x.site, x);
        }
        pieces = [];
        return { ...s, sites: [...by.values()], heardAt: Date.now(), error: null };
      });
    districtApi.overview(hall, token).then(
      (d) => open && merge(d.sites, true),
      (error: unknown) => open && setState((s) => ({ ...s, error })),
    );
    const socket: Socket<LiveServerEvents> = io(LIVE_NAMESPACE, {
      auth: { site: hall, scope: 'district', token },
      transports: ['websocket'],
      reconnectionDelayMax: 3000,
    });
    socket.on('district', (u: DistrictUpdate) => {
      if (u.district === hall) merge(u.sites, u.complete);
    });
    socket.on('heartbeat', () => setState((s) => ({ ...s, live: true, heardAt: Date.now() })));
    socket.on('connect', () => setState((s) => ({ ...s, live: true })));
    socket.on('disconnect', () => setState((s) => ({ ...s, live: false })));
    return () => {
      open = false;
      socket.close();
    };
  }, [hall, token]);
  return held.hall === hall ? held.state : EMPTY;
}
