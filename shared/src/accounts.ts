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
