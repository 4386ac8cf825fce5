import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthedRequest } from './principal';

/** Who is making an admin request, for the audit: a username, or "admin-token" (the older name of Actor). */
export const AdminActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.principal?.actor ?? req.adminActor ?? 'unknown';
});
