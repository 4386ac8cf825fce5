import { createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { AuthedRequest, Principal } from './principal';

// One site per request (docs/security.md, "Roles and sites"): the guard reads it once, from
// the path or the query (modules/accounts/auth/request-site-of.ts), checks it against the
// caller's sites, and the handlers take that value and nothing else.

/** The site the guard resolved and checked for this request, or undefined when it names none. */
export const RequestSite = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (req.requestSite === undefined) throw new Error('RequestSite used on a route the roles guard did not resolve');
  return req.requestSite ?? undefined;
});

/**
 * The department the caller is limited to: a `department` account's own (docs/security.md,
 * "Department accounts"), or undefined for every other caller. Like the site, the guard sets it
 * once; handlers pass it to the queries, which narrow lists to it and refuse another's record.
 */
export const RequestDepartment = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (req.requestDepartment === undefined) throw new Error('RequestDepartment used on a route the roles guard did not resolve');
  return req.requestDepartment ?? undefined;
});

/**
 * Things that reach every site at once (the district calendar, the site tree, figures over
 * every site) belong to accounts of every site; `field` names the input that asked for it.
 */
export function requireAllSites(p: Pick<Principal, 'sites'>, field: string, what: string): void {
  if (p.sites === 'all') return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    field,
    message: `${what} needs an account of every site; yours is limited to ${p.sites.join(', ') || 'no site'} (${field})`,
  });
}

/** Documents the `:site` path parameter of a controller or route whose handlers take @RequestSite(). */
export const SitePath = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'site', description: 'Site code: the one site of the request (docs/security.md, "Roles and sites")' });
