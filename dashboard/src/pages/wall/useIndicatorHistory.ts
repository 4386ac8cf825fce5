import { IndicatorHistoryResponse, IndicatorId } from '@hallwatch/shared';
import { useEffect, useState } from 'react';

const REFRESH_MS = 5 * 60_000;

/**
 * Today's hourly history of one site indicator, refreshed every few minutes; kept as it was
 * when the server is away. `enabled` holds the first request back until the live snapshot
 * is on screen, so that it does not compete with it. `token` is the wall's display token, if
 * it has one; otherwise the session cookie goes along.
 */
export function useIndicatorHistory(
  site: string,
  indicator: IndicatorId,
  enabled: boolean,
  token?: string,
): IndicatorHistoryResponse['points'] {
  const [points, setPoints] = useState<IndicatorHistoryResponse['points']>([]);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const load = () =>
      fetch(`/api/v1/sites/${encodeURIComponent(site)}/indicators/history?indicator=${encodeURIComponent(indicator)}&day=today`, {
        credentials: 'same-origin',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      })
        .then((res) => (res.ok ? (res.json() as Promise<IndicatorHistoryResponse>) : null))
        .then((body) => {
          if (alive && body) setPoints(body.points);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [site, indicator, enabled, token]);
  return points;
}
