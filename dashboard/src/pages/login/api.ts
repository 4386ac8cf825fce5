import type { Role } from '@hallwatch/shared';
import { sameOriginPath } from './next-path';

export interface SignedInUser {
  username: string;
  role: Role;
  sites: string[] | 'all';
  mustChangePassword: boolean;
}

/** What went wrong, in terms the page can word: a status and the server's message. */
export class LoginError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

async function post(url: string, body: unknown): Promise<Response> {
  // The session travels as an HttpOnly cookie: this page never sees or stores the token.
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string | string[] };
    const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? res.statusText);
    const retry = Number(res.headers.get('retry-after'));
    throw new LoginError(res.status, message, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return res;
}

export const loginApi = {
  login: async (username: string, password: string): Promise<SignedInUser> =>
    ((await (await post('/api/v1/auth/login', { username, password })).json()) as { user: SignedInUser }).user,
  changePassword: async (currentPassword: string, newPassword: string): Promise<void> => {
    await post('/api/v1/auth/password', { currentPassword, newPassword });
  },
};

/** Where to go after signing in: a `next` path of this origin, else the screen of the role. */
export function destination(user: SignedInUser, next: string | null, origin: string): string {
  const path = sameOriginPath(next, origin);
  if (path) return path;
  const site = user.sites === 'all' ? null : user.sites[0];
  const withSite = (path: string) => (site ? `${path}?site=${encodeURIComponent(site)}` : path);
  if (user.role === 'patrol') return withSite('/patrol');
  if (user.role === 'leader') return withSite('/rectification');
  return withSite('/wall');
}
