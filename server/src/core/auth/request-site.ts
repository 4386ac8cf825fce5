import { BadRequestException, createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { AuthedRequest, Principal } from './principal';

// One site per request (docs/security.md, "Roles and sites"): the guard reads it once, from
// the path or the query, checks it against the caller's sites, and the handlers take that
// value and nothing else. A body is never where a site is named.

const siteProblem = (message: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', field: 'site', message });

function oneCode(value: unknown, where: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw siteProblem(`site must be one site code (${where})`);
  return value;
}

/**
 * The site the request names: the `:site` path parameter or `?site=`, which must agree when
 * both are given. A body that carries a `site` of its own is refused unless it is that same
 * site, so a body can never steer a handler to another site than the one the guard checked.
 */
export function requestSiteOf(req: AuthedRequest): string | null {
  const path = oneCode(req.params?.site, 'path');
  const query = oneCode((req.query as Record<string, unknown> | undefined)?.site, '?site=');
  if (path && query && path !== query)
    throw siteProblem(`site is named twice with different codes: "${path}" in the path and "${query}" in ?site=`);
  const site = path ?? query;
  const body: unknown = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && 'site' in body) {
    const inBody = (body as Record<string, unknown>).site;
    if (inBody !== undefined && inBody !== null && inBody !== site)
      throw siteProblem(
        site
          ? `site in the body ("${String(inBody)}") differs from the site of the request ("${site}"); leave it out of the body`
          : 'site is not read from the body: name the site in the path or as ?site=<code>',
      );
  }
  return site;
}

/** The site the guard resolved and checked for this request, or undefined when it names none. */
export const RequestSite = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (req.requestSite === undefined) throw new Error('RequestSite used on a route the roles guard did not resolve');
  return req.requestSite ?? undefined;
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
