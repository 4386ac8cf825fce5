import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  /** The body parsed as JSON, or the text when it is not JSON. */
  body: unknown;
}

/**
 * One request with any method and an optional JSON body, GET and DELETE included: fetch refuses
 * a body on GET, but an attacker's client does not, so the site tests need to send one.
 */
export function rawCall(
  url: string,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown } = {},
): Promise<RawAnswer> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          // not JSON (an .xlsx or an attachment): keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, body });
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
