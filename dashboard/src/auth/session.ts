import type { Me } from '@hallwatch/shared';
import { ApiError, call, get } from '../api';

// The pages ride on the HttpOnly session cookie that /login sets: they never see or keep a
// token. An answer of 401 means "not signed in (any more)": back to /login, and back here after.

/** The sign-in page, with this page (path and query) as where to return. */
export const signInPath = (): string => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;

export function goToSignIn(): void {
  location.assign(signInPath());
}

/** Who is signed in; null when nobody is (401). A network failure rejects, so an offline page keeps going. */
export async function whoAmI(): Promise<Me | null> {
  try {
    return await get<Me>('/api/v1/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Ends every session of the account, then offers the sign-in page for this page again. */
export async function signOut(): Promise<void> {
  await call<void>('POST', '/api/v1/auth/logout').catch(() => undefined);
  goToSignIn();
}
