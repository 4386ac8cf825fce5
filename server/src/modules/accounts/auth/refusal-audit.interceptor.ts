import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuthedRequest } from '../../../core/auth/principal';
import { auditedRefusal } from '../../../core/auth/refusal';
import { Clock } from '../../../core/time/clock';
import { auditDenial } from './deny-audit';

/**
 * Audits the refusals a handler makes after reading a record (core/auth/refusal.ts) exactly as the
 * guard audits its own: one `access.denied` row per caller, route, site and minute.
 */
@Injectable()
export class RefusalAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    return next.handle().pipe(
      catchError((err: unknown) => {
        const reason = auditedRefusal(err);
        if (!reason) return throwError(() => err);
        const status = (err as { getStatus(): number }).getStatus();
        return from(auditDenial(this.ds, this.clock, req, status, reason, req.principal ?? null, req.requestSite ?? undefined)).pipe(
          mergeMap(() => throwError(() => err)),
        );
      }),
    );
  }
}
