import { PATROL_SW_SCOPE, PATROL_SW_URL, PATROL_TODAY_CACHE } from './contract';

/**
 * Installs the patrol page's service worker (dashboard/sw), so that a reload with no network
 * still opens the page. Browsers offer service workers only in a secure context (https, or
 * localhost): elsewhere the page still keeps its records and its last copy in storage, but a
 * reload without network cannot open it. The development server builds no worker.
 */
export function registerPatrolWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(PATROL_SW_URL, { scope: PATROL_SW_SCOPE })
    .catch((err: unknown) => console.warn('the patrol page cannot be kept for offline use', err));
}

/** Forgets the kept copy of today's rounds: the next account on this phone must not see it. */
export async function forgetPatrolCopy(): Promise<void> {
  if ('caches' in window) await caches.delete(PATROL_TODAY_CACHE).catch(() => false);
}
