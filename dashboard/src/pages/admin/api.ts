import type { Role, UserView } from '@hallwatch/shared';

export type { UserView };

// The admin API under the signed-in admin's session cookie. A 400 names the field that broke
// (`field` and `errors`), so a form can show the message beside that field.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SiteOption {
  code: string;
  name: string;
  nameEn: string | null;
  tier: 'hall' | 'town' | 'village';
}

export interface NewUser {
  username: string;
  role: Role;
  sites: string[];
  password: string;
}

export interface DeviceKeyView {
  id: string;
  name: string;
  prefix: string;
  requireSignature: boolean;
  createdAt: string;
  revokedAt: string | null;
}

export interface DisplayTokenView {
  id: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface WindowView {
  code: string;
  number: number | null;
  departmentCode: string | null;
  kind: string;
  isOpen: boolean;
}

export interface DepartmentView {
  code: string;
  name: string;
  nameEn: string | null;
}

export interface SiteSettings {
  waitTargetSec: number;
  waitWarnRatio: number;
  tidalQueue: number;
  allowedBreakSec: number;
  surgeFactor: number;
  surgeMinWaiting: number;
}

interface ErrorBody {
  message?: string | string[];
  field?: string;
  errors?: Array<{ field: string; message: string }>;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as ErrorBody;
    const message = Array.isArray(err.message) ? err.message.join('; ') : (err.message ?? res.statusText);
    const fields: Record<string, string> = {};
    for (const e of err.errors ?? []) fields[e.field] ??= e.message;
    if (err.field && !fields[err.field]) fields[err.field] = message;
    throw new ApiError(res.status, message, fields);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const site = (code: string) => `/api/v1/admin/sites/${encodeURIComponent(code)}`;
const user = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`;

export const adminApi = {
  sites: () => call<SiteOption[]>('GET', '/api/v1/admin/sites'),

  users: () => call<UserView[]>('GET', '/api/v1/admin/users'),
  createUser: (u: NewUser) => call<UserView>('POST', '/api/v1/admin/users', u),
  setDisabled: (id: string, disabled: boolean) => call<UserView>('PATCH', user(id), { disabled }),
  resetPassword: (id: string, password: string) => call<void>('POST', `${user(id)}/password`, { password }),
  unlock: (id: string) => call<UserView>('POST', `${user(id)}/unlock`),
  endSessions: (id: string) => call<{ ended: number }>('POST', `${user(id)}/sessions/revoke`),

  deviceKeys: (s: string) => call<DeviceKeyView[]>('GET', `${site(s)}/device-keys`),
  createDeviceKey: (s: string, name: string) =>
    call<{ id: string; key: string; prefix: string }>('POST', `${site(s)}/device-keys`, { name }),
  revokeDeviceKey: (s: string, id: string) => call<void>('DELETE', `${site(s)}/device-keys/${encodeURIComponent(id)}`),

  displayTokens: (s: string) => call<DisplayTokenView[]>('GET', `${site(s)}/display-tokens`),
  createDisplayToken: (s: string, name: string) =>
    call<DisplayTokenView & { token: string }>('POST', `${site(s)}/display-tokens`, { name }),
  revokeDisplayToken: (s: string, id: string) => call<void>('DELETE', `${site(s)}/display-tokens/${encodeURIComponent(id)}`),

  windows: (s: string) => call<WindowView[]>('GET', `${site(s)}/windows`),
  departments: (s: string) => call<DepartmentView[]>('GET', `${site(s)}/departments`),
  setWindowOpen: (s: string, code: string, isOpen: boolean) =>
    call<WindowView>('PATCH', `${site(s)}/windows/${encodeURIComponent(code)}`, { isOpen }),

  settings: (s: string) => call<SiteSettings>('GET', `${site(s)}/settings`),
  updateSettings: (s: string, patch: Partial<SiteSettings>) => call<SiteSettings>('PATCH', `${site(s)}/settings`, patch),
};
