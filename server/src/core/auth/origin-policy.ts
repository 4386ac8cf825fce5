/** The allow-list of browser origins (CORS_ORIGINS), normalised for comparison. */
export const parseOrigins = (list: string): string[] =>
  list
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, '').toLowerCase())
    .filter(Boolean);

/**
 * True when a browser request from `origin` may act with the user's credentials: no Origin
 * (not a browser, or a same-origin GET), the server's own host, or an allow-listed origin.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  const o = origin.trim().toLowerCase();
  if (o === 'null') return false;
  if (allowed.includes(o)) return true;
  try {
    return !!host && new URL(o).host === host.toLowerCase();
  } catch {
    return false;
  }
}
