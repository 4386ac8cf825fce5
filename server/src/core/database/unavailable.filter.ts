import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** True for errors that mean PostgreSQL cannot be reached right now, as opposed to a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: unknown } | null;
  if (!e) return false;
  if (e.driverError && isDatabaseUnavailable(e.driverError)) return true;
  const code = e.code ?? '';
  // 57014: cancelled by statement_timeout, the database too slow to answer in time.
  if (NETWORK_CODES.has(code) || code.startsWith('08') || ['57014', '57P01', '57P02', '57P03'].includes(code)) return true;
  const msg = e.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|not queryable/i.test(
    msg,
  );
}

/** PostgreSQL's data exceptions (class 22: a value that cannot be the column's type or range); its code, or null. */
export function badValueCode(err: unknown): string | null {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) ? code : null;
}

const req = (host: ArgumentsHost): string => {
  const r = host.switchToHttp().getRequest<{ method?: string; route?: { path?: string }; path?: string }>();
  return `${r?.method ?? ''} ${r?.route?.path ?? r?.path ?? ''}`;
};

// Turns "database unreachable" into 503 + Retry-After so devices retry instead of dropping events,
// and keeps every other unexpected error a plain 500 without internals.
@Catch()
export class ServiceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof HttpException) {
      const body = err.getResponse();
      res.status(err.getStatus()).json(typeof body === 'string' ? { statusCode: err.getStatus(), message: body } : body);
      return;
    }
    const badValue = badValueCode(err);
    if (badValue) {
      // The handler let an unparseable value reach SQL (an id of the wrong shape, a date like
      // 2024-02-30): the request is at fault, so 400; the warning keeps the missing check visible.
      this.logger.warn(`value refused by the database (${badValue}): ${req(host)}`);
      res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: 'A value in the request is not valid for its field (an id or a date of the wrong form?)',
      });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      this.logger.warn(`database unavailable: ${(err as Error).message}`);
      res.setHeader('Retry-After', '5');
      res.status(503).json({ statusCode: 503, message: 'Database unavailable; nothing was stored. Retry later.' });
      return;
    }
    this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    res.status(500).json({ statusCode: 500, message: 'Internal error' });
  }
}
