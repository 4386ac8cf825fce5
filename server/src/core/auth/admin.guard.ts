import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';

/** The actor recorded for changes made with the shared admin token, until accounts name the person. */
export const ADMIN_TOKEN_ACTOR = 'admin-token';

export interface AdminRequest extends Request {
  adminActor: string;
}

// Hashing both sides first gives equal-length buffers, so the comparison's time does not
// reveal how much of the token matched, nor its length.
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The admin API's seam until the Accounts issue: `Authorization: Bearer <ADMIN_TOKEN>`.
 * With ADMIN_TOKEN empty every admin route is refused, so a fresh install is not open.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    this.expected = config.ADMIN_TOKEN ? digest(config.ADMIN_TOKEN) : null;
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.expected)
      throw new UnauthorizedException(
        'The admin API is disabled until ADMIN_TOKEN is set in the server environment; user accounts with the admin role replace it later',
      );
    const req = ctx.switchToHttp().getRequest<AdminRequest>();
    const header = req.headers.authorization;
    if (!header) throw new UnauthorizedException('Missing Authorization header: send "Authorization: Bearer <ADMIN_TOKEN>"');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Authorization must be "Bearer <ADMIN_TOKEN>"');
    if (!timingSafeEqual(digest(match[1]), this.expected)) throw new UnauthorizedException('Wrong admin token');
    req.adminActor = ADMIN_TOKEN_ACTOR;
    return true;
  }
}

/** Who is making an admin request, for the audit hook. */
export const AdminActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<AdminRequest>().adminActor;
});
