import type {
  LookBackResult,
  RectificationEvidenceView,
  RectificationImportResult,
  RectificationItemView,
  RectificationLinkView,
  RectificationListView,
  RectificationStatus,
} from '@hallwatch/shared';

// The admin API of the rectification items, under the signed-in person's session cookie.

const BASE = '/api/v1/admin/rectification';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function url(path: string, site: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...(site ? { site } : {}), ...extra });
  const qs = q.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, target: string, body?: FormData | object): Promise<Response> {
  const headers: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(target, { method, headers, body: payload, credentials: 'same-origin' });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string; field?: string };
    throw new ApiError(res.status, err.message ?? res.statusText, err.field);
  }
  return res;
}

async function json<T>(method: string, target: string, body?: FormData | object): Promise<T> {
  const res = await send(method, target, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Saves a downloaded file under the name the server gives it. */
async function download(target: string, fallback: string): Promise<void> {
  const res = await send('GET', target);
  const disposition = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : fallback;
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface LinkInput {
  indicator?: string;
  comparator: string;
  target: number;
  window: string;
  department: string | null;
}

export const rectificationApi = (site: string | null) => ({
  list: () => json<RectificationListView>('GET', url('/items', site)),
  update: (key: string, input: { status?: RectificationStatus; responsibleDepartment?: string | null; deadline?: string | null }) =>
    json<RectificationItemView>('PATCH', url(`/items/${encodeURIComponent(key)}`, site), input),
  addEvidence: (key: string, form: FormData) =>
    json<RectificationEvidenceView>('POST', url(`/items/${encodeURIComponent(key)}/evidence`, site), form),
  attachment: (id: string, name: string) => download(url(`/evidence/${id}/attachment`, site), name),
  addLink: (key: string, input: LinkInput) =>
    json<RectificationLinkView>('POST', url(`/items/${encodeURIComponent(key)}/links`, site), input),
  // A link's indicator is fixed once made; the PATCH takes only what may change.
  updateLink: (id: string, { comparator, target, window, department }: LinkInput) =>
    json<RectificationLinkView>('PATCH', url(`/links/${id}`, site), { comparator, target, window, department }),
  removeLink: (id: string) => json<void>('DELETE', url(`/links/${id}`, site)),
  importReport: (form: FormData) => json<RectificationImportResult>('POST', url('/import', site), form),
  ledger: () => download(url('/ledger.xlsx', site), 'ledger.xlsx'),
  lookBack: () => json<LookBackResult>('POST', url('/look-back', site)),
});

export type RectificationApi = ReturnType<typeof rectificationApi>;
