import type { ApiErrorBody } from '@hallwatch/shared';

/** The server answered, but not with success; `status` says whether trying again can help. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's own words (English); pages show `errorText(err)` instead. */
    message: string,
    /** The server's message per field it refused, first rule broken first. */
    readonly fields: Readonly<Record<string, string>> = {},
    /** From a 429's Retry-After: how long before trying again can succeed. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the server names first, if any. */
  get field(): string | null {
    return Object.keys(this.fields)[0] ?? null;
  }
}

/** The ApiError a failed response carries. */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  // Anything may answer a failure (a proxy's HTML page too): every part of the body is optional here.
  const body = (await res.json().catch(() => ({}))) as Partial<ApiErrorBody>;
  const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? res.statusText);
  const fields: Record<string, string> = {};
  for (const e of body.errors ?? []) fields[e.field] ??= e.message;
  if (body.field) fields[body.field] ??= message;
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, message, fields, Number.isFinite(retry) && retry > 0 ? retry : null);
}
