import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { HttpsMode } from './session-cookie';

/**
 * helmet, with the three https-only behaviours following HALLWATCH_HTTPS: the CSP's
 * upgrade-insecure-requests (which on a plain-HTTP intranet sends every script to an https port
 * nobody serves and leaves the wall TV black), HSTS, and — in session-cookie.ts — `Secure`.
 */
export function transportSecurity(mode: HttpsMode): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': mode === 'true' ? [] : null,
      },
    },
    strictTransportSecurity: mode === 'true',
  });
  if (mode !== 'auto') return [headers];
  // Only where it means something: browsers ignore HSTS that arrives over plain http.
  const hsts = helmet.strictTransportSecurity();
  return [headers, (req: Request, res: Response, next: NextFunction) => (req.secure ? hsts(req, res, next) : next())];
}
