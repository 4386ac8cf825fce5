import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ADMIN_TOKEN_ACTOR } from './authenticator';
import { routeAuth } from './auth-rules';
import { AuthedRequest } from './principal';
import { RolesGuard } from './roles.guard';

export { ADMIN_TOKEN_ACTOR };

/** @deprecated use AuthedRequest and the Actor decorator. */
export type AdminRequest = AuthedRequest & { adminActor: string };

/**
 * The older admin seam, kept so that controllers written against it keep working: on a route
 * with its own rule (@Roles …) the global RolesGuard has already decided; on a route without
 * one it admits admins only: an admin's session, or the break-glass ADMIN_TOKEN.
 */
@Injectable()
export class AdminGuard extends RolesGuard {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const route = routeAuth(this.reflector, ctx);
    if (route.rule) return true;
    return this.enforce(ctx.switchToHttp().getRequest<AuthedRequest>(), { kind: 'roles', roles: ['admin'] }, route);
  }
}

/** Who is making an admin request, for the audit: a username, or "admin-token". */
export const AdminActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.principal?.actor ?? req.adminActor ?? 'unknown';
});
