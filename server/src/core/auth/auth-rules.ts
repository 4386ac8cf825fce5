import { ROLES, type Role } from '@hallwatch/shared';
import { applyDecorators, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

// Every route declares who may call it; the matrix test fails on a route without a rule.
export const AUTH_RULE = 'hallwatch:auth-rule';
export const SITE_FILTERED = 'hallwatch:site-filtered';
export const SELF_SERVICE = 'hallwatch:self-service';
export const EVERY_SITE = 'hallwatch:every-site';

export type AuthRule = { kind: 'public' } | { kind: 'device' } | { kind: 'roles'; roles: readonly Role[] };

/** Open to anyone: health, sign-in, the API document. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_RULE, { kind: 'public' } satisfies AuthRule);

/** Devices only: a live device key of the site (and its signature when the key requires one). */
export const DeviceKey = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_RULE, { kind: 'device' } satisfies AuthRule);

/**
 * People (sessions), display tokens (role "display") and the break-glass ADMIN_TOKEN (role
 * "admin"), limited to these roles. A method's rule replaces its controller's.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_RULE, { kind: 'roles', roles } satisfies AuthRule);

/**
 * The route names no site and its handler narrows what it returns or changes to the caller's
 * sites itself (user lists, the audit log). Without it, an account limited to some sites must
 * name one (`:site` or `?site=`; a body never names the site).
 */
export const FiltersBySite = (): MethodDecorator & ClassDecorator => SetMetadata(SITE_FILTERED, true);

/** The caller's own account (who am I, sign out, change password): any role, even with an expired password. */
export const SelfService = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Roles(...ROLES), SetMetadata(SELF_SERVICE, true), FiltersBySite());

/** The input by which a request reaches every site at once (e.g. "scope" for scope=all), or null when it does not. */
export type EverySiteTest = (req: Request) => string | null;

/**
 * The request reaches every site at once when `test` names the input asking for it (figures of
 * every site, a change to the site tree): only an account of every site may then make it. The
 * guard refuses the others and audits the refusal like any other (docs/security.md).
 */
export const EverySiteWhen = (test: EverySiteTest): MethodDecorator & ClassDecorator => SetMetadata(EVERY_SITE, test);

export interface RouteAuth {
  rule: AuthRule | undefined;
  siteFiltered: boolean;
  selfService: boolean;
  everySite: EverySiteTest | undefined;
}

export function routeAuth(reflector: Reflector, ctx: ExecutionContext): RouteAuth {
  const targets = [ctx.getHandler(), ctx.getClass()];
  return {
    rule: reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, targets),
    siteFiltered: reflector.getAllAndOverride<boolean | undefined>(SITE_FILTERED, targets) === true,
    selfService: reflector.getAllAndOverride<boolean | undefined>(SELF_SERVICE, targets) === true,
    everySite: reflector.getAllAndOverride<EverySiteTest | undefined>(EVERY_SITE, targets),
  };
}
