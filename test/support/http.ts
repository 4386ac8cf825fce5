import { IngestResponse } from '@hallwatch/shared';

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** POSTs a raw body (object → JSON, string → as is) to the ingest API. */
export async function postEvents(
  baseUrl: string,
  key: string | null,
  body: unknown,
): Promise<JsonResponse<IngestResponse & { message?: string; field?: string }>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}
