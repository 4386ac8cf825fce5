import type {
  DepartmentView,
  DeviceKeyView,
  DisplayTokenView,
  IssuedDeviceKey,
  IssuedDisplayToken,
  NewUser,
  PatrolCheckpointCodeView,
  PatrolCheckpointView,
  PatrolScheduleView,
  RefusedRatingView,
  SiteSettings,
  SiteView,
  UnmatchedRatingView,
  UserView,
  WindowView,
} from '@hallwatch/shared';
import { call, get, withQuery } from '../../api';

// The admin API under the signed-in admin's session cookie. A 400 names the field that broke,
// so a form can show the message beside that field (`fieldTexts`).

const site = (code: string) => `/api/v1/admin/sites/${encodeURIComponent(code)}`;
const user = (id: string) => `/api/v1/admin/users/${encodeURIComponent(id)}`;

/** What the settings form changes: the opening hours and the thresholds. */
export type SettingsPatch = Partial<SiteSettings>;

export const adminApi = {
  sites: () => get<SiteView[]>('/api/v1/admin/sites'),

  users: () => get<UserView[]>('/api/v1/admin/users'),
  createUser: (u: NewUser) => call<UserView>('POST', '/api/v1/admin/users', { body: u }),
  setDisabled: (id: string, disabled: boolean) => call<UserView>('PATCH', user(id), { body: { disabled } }),
  resetPassword: (id: string, password: string) => call<void>('POST', `${user(id)}/password`, { body: { password } }),
  unlock: (id: string) => call<UserView>('POST', `${user(id)}/unlock`),
  endSessions: (id: string) => call<{ ended: number }>('POST', `${user(id)}/sessions/revoke`),

  deviceKeys: (s: string) => get<DeviceKeyView[]>(`${site(s)}/device-keys`),
  createDeviceKey: (s: string, name: string) => call<IssuedDeviceKey>('POST', `${site(s)}/device-keys`, { body: { name } }),
  revokeDeviceKey: (s: string, id: string) => call<void>('DELETE', `${site(s)}/device-keys/${encodeURIComponent(id)}`),

  displayTokens: (s: string) => get<DisplayTokenView[]>(`${site(s)}/display-tokens`),
  createDisplayToken: (s: string, name: string) => call<IssuedDisplayToken>('POST', `${site(s)}/display-tokens`, { body: { name } }),
  revokeDisplayToken: (s: string, id: string) => call<void>('DELETE', `${site(s)}/display-tokens/${encodeURIComponent(id)}`),

  windows: (s: string) => get<WindowView[]>(`${site(s)}/windows`),
  departments: (s: string) => get<DepartmentView[]>(`${site(s)}/departments`),
  setWindowOpen: (s: string, code: string, isOpen: boolean) =>
    call<WindowView>('PATCH', `${site(s)}/windows/${encodeURIComponent(code)}`, { body: { isOpen } }),

  settings: (s: string) => get<SiteSettings>(`${site(s)}/settings`),
  updateSettings: (s: string, patch: SettingsPatch) => call<SiteSettings>('PATCH', `${site(s)}/settings`, { body: patch }),

  schedule: (s: string) => get<PatrolScheduleView>(`${site(s)}/patrol/schedule`),
  updateSchedule: (s: string, patch: Partial<Pick<PatrolScheduleView, 'enabled' | 'times' | 'weekdays'>>) =>
    call<PatrolScheduleView>('PUT', `${site(s)}/patrol/schedule`, { body: patch }),
  checkpoints: (s: string) => get<PatrolCheckpointView[]>(`${site(s)}/patrol/checkpoints`),
  checkpointCodes: (s: string) => get<PatrolCheckpointCodeView[]>(`${site(s)}/patrol/checkpoint-codes`),
  rotateCode: (s: string, checkpoint: string) =>
    call<PatrolCheckpointCodeView>('POST', `${site(s)}/patrol/checkpoints/${encodeURIComponent(checkpoint)}/rotate-code`),

  refusedRatings: (s: string, day: string | null) => get<RefusedRatingView[]>(withQuery(`${site(s)}/ratings/refused`, { day })),
  unmatchedRatings: (s: string, day: string) => get<UnmatchedRatingView[]>(withQuery(`${site(s)}/ratings/unmatched`, { day })),
};
