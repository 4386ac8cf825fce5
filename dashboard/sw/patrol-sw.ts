import { OFFLINE_COPY_HEADER, PATROL_SHELL_CACHE_PREFIX, PATROL_TODAY_CACHE, PATROL_TODAY_PATH } from '../src/offline/contract';

// The patrol phone's service worker, registered with the scope /patrol only: the wall and the
// office's pages never pass through it. It keeps the page's own files (the build lists them in
// __PATROL_FILES__) so that a reload with no network still opens the page, and the last answer
// for today's rounds. Nothing else the server says is kept: every other request goes to the
// network as if the worker were not here.

declare const self: ServiceWorkerGlobalScope;
/** The page's files, '/index.html' first; written in by the build (dashboard/build/patrol-sw-plugin.ts). */
declare const __PATROL_FILES__: string[];
/** A digest of those files: a new build keeps its files in a new cache and drops the old one. */
declare const __PATROL_VERSION__: string;

const SHELL = `${PATROL_SHELL_CACHE_PREFIX}${__PATROL_VERSION__}`;
const LIST: readonly string[] = __PATROL_FILES__;
const FILES = new Set(LIST);
/** A Wi-Fi that connects but never answers is offline too: the patroller is not kept waiting. */
const NETWORK_WAIT_MS = 6000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // Past the HTTP cache, so that the new shell never keeps a file of the build before.
      await cache.addAll(LIST.map((f) => new Request(f, { cache: 'reload' })));
      // A phone that opened the page once has its copy: a new build takes over at the next load
      // rather than after every tab of the page is closed, which on a phone may be never.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PATROL_SHELL_CACHE_PREFIX) && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (PATROL_TODAY_PATH.test(url.pathname)) event.respondWith(today(request));
  else if (FILES.has(url.pathname)) event.respondWith(keptFile(request));
});

function withinWait(request: Request): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TypeError('no answer in time')), NETWORK_WAIT_MS);
    fetch(request).then(
      (res) => {
        clearTimeout(timer);
        resolve(res);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new TypeError(String(err)));
      },
    );
  });
}

/**
 * /patrol?site=… is the dashboard's index.html. The network's first, so that a phone online
 * always gets the page of the files the server has now; the kept one when there is none.
 */
async function page(request: Request): Promise<Response> {
  try {
    const res = await withinWait(request);
    if (res.status < 500) return res;
  } catch {
    // offline: the kept page below
  }
  const kept = await (await caches.open(SHELL)).match('/index.html');
  return kept ?? Response.error();
}

/** A built file of the page: its name carries its content's hash, so the kept one is the one. */
async function keptFile(request: Request): Promise<Response> {
  return (await (await caches.open(SHELL)).match(request)) ?? fetch(request);
}

/**
 * Today's rounds, network first. A fresh answer replaces the kept one; with no network the kept
 * one is given, marked, so that the page shows it as offline data of its own time. A refusal
 * (signed out, session over) drops the kept one: it was the account's, and the account is gone.
 */
async function today(request: Request): Promise<Response> {
  const cache = await caches.open(PATROL_TODAY_CACHE);
  let res: Response;
  try {
    res = await withinWait(request);
  } catch (err) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (!kept) throw err;
    const headers = new Headers(kept.headers);
    headers.set(OFFLINE_COPY_HEADER, '1');
    return new Response(await kept.blob(), { status: kept.status, statusText: kept.statusText, headers });
  }
  if (res.status === 200) await cache.put(request, res.clone());
  else if (res.status === 401 || res.status === 403) await cache.delete(request, { ignoreVary: true });
  return res;
}
