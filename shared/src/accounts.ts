import type { Role } from './roles';

/** An account as the admin API shows it (`/api/v1/admin/users`). */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  sites: string[] | 'all';
  /** The department (its code in the account's one site) a `department` account is bound to; null for every other role. */
  department: string | null;
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
  /** The department a `department` account is bound to; null for every other role. */
  department: string | null;
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
  /** Required for the role `department` (with exactly one site): a department code of that site's registry. */
  department?: string;
  password: string;
}
