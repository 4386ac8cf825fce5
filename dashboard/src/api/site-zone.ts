import { DEFAULT_TIME_ZONE, type SiteView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { get } from './http';

/** One site as the registry has it, its time zone among the rest. */
export const siteInfo = (code: string): Promise<SiteView> => get<SiteView>(`/api/v1/admin/sites/${encodeURIComponent(code)}`);

/**
 * The site's own time zone, for a page whose answers do not carry it; the shared fallback until
 * it is known (or when it cannot be read: the page then keeps working on the fallback's clock).
 */
export function useSiteTimeZone(site: string | null): string {
  const [zone, setZone] = useState<{ site: string; zone: string } | null>(null);
  useEffect(() => {
    if (!site) return;
    let live = true;
    siteInfo(site).then(
      (s) => live && setZone({ site, zone: s.timezone }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [site]);
  return zone && zone.site === site ? zone.zone : DEFAULT_TIME_ZONE;
}
