import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from '../../core/auth/principal';
import { clientAddress, userAgentOf } from '../../core/auth/request-context';

/** Who is acting and from where: what every audit entry records of the person behind it. */
export interface Actor {
  /** Username, "admin-token", "cli", "display:<prefix>" … */
  actor: string;
  role: string | null;
  address: string | null;
  userAgent: string | null;
}

/** The guards leave who is calling on the request: a principal once accounts exist, else the admin token's name. */
export function actorFrom(req: AuthedRequest): Actor {
  return {
    actor: req.principal?.actor ?? req.adminActor ?? 'unknown',
    role: req.principal?.role ?? null,
    address: clientAddress(req),
    userAgent: userAgentOf(req.headers['user-agent']),
  };
}

/** For work done by the system itself (jobs, the CLI). */
export const systemActor = (name: string): Actor => ({ actor: name, role: null, address: null, userAgent: null });

/** The caller of the request, as the guards established it. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorFrom(ctx.switchToHttp().getRequest<AuthedRequest>()),
);
