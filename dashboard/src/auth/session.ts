import type { Me } from '@hallwatch/shared';
import { ApiError, call, get } from '../api';
import { forgetPatrolCopy } from '../offline/register';

// The pages ride on the HttpOnly session cookie that /login sets: they never see or keep a
// token. An answer of 401 means "not signed in (any more)": back to /login, and back here after.

// The patrol phone reloads its page offline: the shell then goes by who was signed in last.
const LAST_ME = 'hallwatch.me';

/** The sign-in page, with this page (path and query) as where to return. */
export const signInPath = (): string => `/login?next=${encodeURIComponent(location.pathname + location.search)}`;

export function goToSignIn(): void {
  location.assign(signInPath());
}

/** Who is signed in; null when nobody is (401). A network failure rejects, so an offline page keeps going. */
export async function whoAmI(): Promise<Me | null> {
  try {
    const me = await get<Me>('/api/v1/auth/me');
    localStorage.setItem(LAST_ME, JSON.stringify(me));
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      localStorage.removeItem(LAST_ME);
      await forgetPatrolCopy();
      return null;
    }
    throw err;
  }
}

/** Who the server last said was signed in on this browser, unless they signed out since. */
export function lastKnownMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_ME) ?? 'null') as Me | null;
  } catch {
    return null;
  }
}

/** Ends every session of the account, then offers the sign-in page for this page again. */
export async function signOut(): Promise<void> {
  localStorage.removeItem(LAST_ME);
  await forgetPatrolCopy();
  await call<void>('POST', '/api/v1/auth/logout').catch(() => undefined);
  goToSignIn();
}
