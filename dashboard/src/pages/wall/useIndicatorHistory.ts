import { IndicatorHistoryResponse, IndicatorId } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { call } from '../../api';

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
      call<IndicatorHistoryResponse>('GET', `/api/v1/sites/${encodeURIComponent(site)}/indicators/history`, {
        query: { indicator, day: 'today' },
        bearer: token,
      })
        .then((body) => {
          if (alive) setPoints(body.points);
        })
        // A refusal or no answer leaves the line as it was: the wall has no place for the error.
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
