/**
 * The `next` of `/login?next=…` as a path of this origin, or null. Browsers drop tabs and line
 * breaks from URLs and read a backslash as a slash, so `/\t/evil.example` is `//evil.example`
 * to them: anything with control characters or backslashes is refused outright, and the rest
 * must resolve to this very origin.
 */
export function sameOriginPath(next: string | null, origin: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname === '/login' || url.pathname.startsWith('/login/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
