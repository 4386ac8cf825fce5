import type { ServerResponse } from 'node:http';
import { basename } from 'node:path';

/**
 * The patrol page's service worker is asked for on every load to learn of a new build: it is
 * revalidated each time, never served from a cache, or a phone would keep an old page for a day.
 */
export function dashboardHeaders(res: ServerResponse, path: string): void {
  if (basename(path) === 'patrol-sw.js') res.setHeader('Cache-Control', 'no-cache');
}
