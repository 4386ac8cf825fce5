export interface AdminResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface ErrorBody {
  statusCode: number;
  message: string;
  field?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** A client for /api/v1/admin that sends the admin token unless told otherwise (null: no header). */
export function adminApi(baseUrl: string, defaultToken: string | null) {
  return async function call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    token: string | null = defaultToken,
  ): Promise<AdminResponse<T>> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/v1/admin${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
}
