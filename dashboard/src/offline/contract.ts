// What the patrol page and its service worker (dashboard/sw) agree on. Kept free of DOM and
// worker types, as both sides compile it.

/** The one answer of the server the service worker keeps: today's rounds of a site. */
export const PATROL_TODAY_PATH = /^\/api\/v1\/patrol\/sites\/[^/]+\/today$/;

/** Its cache, emptied on sign-out and when the session is over, so the next account on the phone never sees it. */
export const PATROL_TODAY_CACHE = 'hallwatch-patrol-today';

/** The page's own files, one cache per build (its digest follows). */
export const PATROL_SHELL_CACHE_PREFIX = 'hallwatch-patrol-shell-';

/** Set on an answer the service worker gave from its cache because the network did not. */
export const OFFLINE_COPY_HEADER = 'x-hallwatch-offline-copy';

/** The worker's address; its scope is the patrol page alone. */
export const PATROL_SW_URL = '/patrol-sw.js';
export const PATROL_SW_SCOPE = '/patrol';
