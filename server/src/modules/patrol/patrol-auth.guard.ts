import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ADMIN_TOKEN_ACTOR } from '../../core/auth/admin.guard';
import { AppConfig } from '../../core/config/app-config';

/** The actor recorded for rounds posted with the shared patrol token. */
export const PATROL_TOKEN_ACTOR = 'patrol-token';

export interface PatrolRequest extends Request {
  patrolActor: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The patrol API's seam until accounts exist: `Authorization: Bearer <PATROL_TOKEN>`, or the
 * admin token (a supervisor may walk a round too). When accounts arrive, a session with the
 * patrol role replaces both and names the person; the handlers only read `patrolActor`.
 */
@Injectable()
export class PatrolAuthGuard implements CanActivate {
  private readonly tokens: Array<{ digest: Buffer; actor: string }>;

  constructor(config: AppConfig) {
    this.tokens = [
      ...(config.PATROL_TOKEN ? [{ digest: digest(config.PATROL_TOKEN), actor: PATROL_TOKEN_ACTOR }] : []),
      ...(config.ADMIN_TOKEN ? [{ digest: digest(config.ADMIN_TOKEN), actor: ADMIN_TOKEN_ACTOR }] : []),
    ];
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.tokens.length)
      throw new UnauthorizedException('The patrol API is disabled until PATROL_TOKEN (or ADMIN_TOKEN) is set in the server environment');
    const req = ctx.switchToHttp().getRequest<PatrolRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('Send "Authorization: Bearer <patrol token>"');
    const given = digest(match[1]);
    // Compare against every token so the time taken does not tell which one matched.
    const hit = this.tokens.filter((t) => timingSafeEqual(t.digest, given));
    if (!hit.length) throw new UnauthorizedException('Wrong patrol token');
    req.patrolActor = hit[0].actor;
    return true;
  }
}

export const PatrolActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<PatrolRequest>().patrolActor;
});
