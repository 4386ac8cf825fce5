import { BadRequestException } from '@nestjs/common';
import type { AuthedRequest } from '../../../core/auth/principal';

// One site per request (docs/security.md, "Roles and sites"): the guard reads it here, once, and
// leaves it for @RequestSite(). A body is never where a site is named.

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
