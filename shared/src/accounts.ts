import type { Role } from './roles';

/** An account as the admin API shows it (`/api/v1/admin/users`). */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  sites: string[] | 'all';
  mustChangePassword: boolean;
  lockedUntil: string | null;
  disabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

/** The person `POST /api/v1/auth/login` signed in (its `user`). */
export interface SignedInUser {
  username: string;
  role: Role;
  sites: string[] | 'all';
  mustChangePassword: boolean;
}

/** `GET /api/v1/auth/me`: who the request's credential speaks for. */
export interface Me extends SignedInUser {
  kind: 'user' | 'admin-token' | 'display';
}

/** `POST /api/v1/admin/users`. */
export interface NewUser {
  username: string;
  role: Role;
  /** The sites the account may see and change; give allSites instead for a district-level account. */
  sites?: string[];
  allSites?: boolean;
  password: string;
}
