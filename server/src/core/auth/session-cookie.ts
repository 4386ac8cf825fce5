import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'hw_session';

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** HALLWATCH_HTTPS: always https, never, or as each request came (directly, or through a trusted proxy). */
export type HttpsMode = 'auto' | 'true' | 'false';

export const overHttps = (req: Request, mode: HttpsMode): boolean => (mode === 'auto' ? req.secure : mode === 'true');

// HttpOnly keeps it from page scripts; Strict keeps it off cross-site requests (CSRF); Secure
// as HALLWATCH_HTTPS says.
export function setSessionCookie(req: Request, res: Response, mode: HttpsMode, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: overHttps(req, mode), path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response, mode: HttpsMode): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: overHttps(req, mode), path: '/' });
}

export const DEVICE_COOKIE = 'hw_device';
const DEVICE_COOKIE_MS = 180 * 86_400_000;

// Marks a browser an account signed in from, so failures elsewhere do not hold its owner back
// (docs/security.md). Sent only to the sign-in routes; it grants nothing by itself.
export function setDeviceCookie(req: Request, res: Response, mode: HttpsMode, token: string): void {
  res.cookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: overHttps(req, mode),
    path: '/api/v1/auth',
    maxAge: DEVICE_COOKIE_MS,
  });
}
