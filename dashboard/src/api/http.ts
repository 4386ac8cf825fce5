import { apiErrorOf } from './api-error';

// The one way the pages talk to the server: the session rides on its HttpOnly cookie, a
// failure becomes an ApiError, and a network failure rejects with the browser's TypeError
// (an offline page tells the two apart to keep what it could not send).

export type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** A FormData or Blob goes as it is; anything else as JSON. */
  body?: unknown;
  /** The Blob's type, when it has none of its own. */
  contentType?: string;
  /** A wall's display token; without one the session cookie speaks for the page. */
  bearer?: string;
}

/** `path` with the query's set values; null, undefined and '' are left out. */
export function withQuery(path: string, query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function payload(body: unknown, contentType?: string): { body?: BodyInit; headers: Record<string, string> } {
  if (body === undefined) return { headers: {} };
  if (body instanceof FormData) return { body, headers: {} };
  if (body instanceof Blob) return { body, headers: { 'content-type': body.type || contentType || 'application/octet-stream' } };
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** The response of a successful call; any other answer throws its ApiError. */
export async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const { body, headers } = payload(opts.body, opts.contentType);
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw await apiErrorOf(res);
  return res;
}

/** A call whose answer is JSON (or nothing, for a 204). */
export async function call<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const text = await (await request(method, path, opts)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query): Promise<T> => call<T>('GET', path, { query });

/** Saves a file the server sends under the name it gives (its UTF-8 filename*), else `fallback`. */
export async function download(path: string, query: Query, fallback: string): Promise<void> {
  const res = await request('GET', path, { query });
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = utf8 ? decodeURIComponent(utf8) : fallback;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
