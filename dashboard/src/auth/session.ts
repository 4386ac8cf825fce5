import type { Role } from '@hallwatch/shared';

// The pages ride on the HttpOnly session cookie that /login sets: they never see or keep a
// token. An answer of 401 means "not signed in (any more)": back to /login, and back here after.

export interface Me {
  kind: 'user' | 'admin-token' | 'display';
  username: string;
  role: Role;
  sites: string[] | 'all';
}

/** The sign-in page, with this page (path and query) as where to return. */
export const signInPath = (): string => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;

export function goToSignIn(): void {
  location.assign(signInPath());
}

/** Who is signed in; null when nobody is (401). A network failure rejects, so an offline page keeps going. */
export async function whoAmI(): Promise<Me | null> {
  const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin', cache: 'no-store' });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(res.statusText);
  return (await res.json()) as Me;
}

/** Ends every session of the account (SPEC §9), then offers the sign-in page for this page again. */
export async function signOut(): Promise<void> {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  goToSignIn();
}
