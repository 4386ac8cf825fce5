import type { AbsenceEntryView, AbsenceFiling, IndicatorSnapshot } from '@hallwatch/shared';
import { bearer, call } from './accounts';
import type { TestApp } from './test-app';

// Helpers for the outing and leave register's tests: the register's API under a session, and
// the wall's snapshot of the site.

export interface Answer<T> {
  status: number;
  body: T & { message?: string; field?: string; errors?: Array<{ field: string; message: string }> };
}

export function registerApi(t: TestApp, site: string) {
  const base = `/api/v1/admin/sites/${site}/absences`;
  const req = async <T>(method: string, path: string, token: string, body?: unknown): Promise<Answer<T>> => {
    const res = await call<T>(t.url, method, `${base}${path}`, { token, body });
    return res as Answer<T>;
  };
  return {
    file: (token: string, filing: AbsenceFiling) => req<AbsenceEntryView>('POST', '', token, filing),
    decide: (token: string, id: string, decision: 'approved' | 'rejected', note?: string) =>
      req<AbsenceEntryView>('POST', `/${id}/decision`, token, { decision, ...(note === undefined ? {} : { note }) }),
    cancel: (token: string, id: string, note?: string) => req<AbsenceEntryView>('POST', `/${id}/cancel`, token, note ? { note } : {}),
    returned: (token: string, id: string, at?: string) => req<AbsenceEntryView>('POST', `/${id}/return`, token, at ? { at } : {}),
    get: <T>(token: string, path: string) => req<T>('GET', path, token),
    post: <T>(token: string, path: string, body?: unknown) => req<T>('POST', path, token, body),
  };
}

export async function snapshotOf(t: TestApp, site: string): Promise<IndicatorSnapshot> {
  const res = await fetch(`${t.url}/api/v1/sites/${site}/indicators`, { headers: bearer(await t.displayToken(site)) });
  return (await res.json()) as IndicatorSnapshot;
}

/** A hall-local instant (Asia/Shanghai) on `day` at `hhmm`. */
export const hallAt = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`);
