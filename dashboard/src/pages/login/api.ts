import type { SignedInUser } from '@hallwatch/shared';
import { call } from '../../api';
import { LANDING } from '../../page-access';
import { sameOriginPath } from './next-path';

// The session travels as an HttpOnly cookie: this page never sees or stores the token.
export const loginApi = {
  login: async (username: string, password: string): Promise<SignedInUser> =>
    (await call<{ user: SignedInUser }>('POST', '/api/v1/auth/login', { body: { username, password } })).user,
  changePassword: (currentPassword: string, newPassword: string): Promise<void> =>
    call<void>('POST', '/api/v1/auth/password', { body: { currentPassword, newPassword } }),
};

/** Where to go after signing in: a `next` path of this origin, else the screen of the role. */
export function destination(user: SignedInUser, next: string | null, origin: string): string {
  const path = sameOriginPath(next, origin);
  if (path) return path;
  const site = user.sites === 'all' ? null : user.sites[0];
  const landing = LANDING[user.role];
  return site ? `${landing}?site=${encodeURIComponent(site)}` : landing;
}
