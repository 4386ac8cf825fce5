import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { MetadataScanner } from '@nestjs/core/metadata-scanner';
import { ApiResponse, DECORATORS } from '@nestjs/swagger';
import { AUTH_RULE, AuthRule } from '../auth/auth-rules';
import { errorResponse, ErrorStatus } from './api-errors';

type Handler = (...args: unknown[]) => unknown;

export interface MappedRoute {
  controller: Function;
  name: string;
  handler: Handler;
  method: RequestMethod;
  paths: string[];
  rule: AuthRule | undefined;
}

/** Every route Nest mapped, read from the controllers' own metadata (as the guard reads it). */
export function mappedRoutes(app: INestApplication): MappedRoute[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const seen = new Set<unknown>();
  const out: MappedRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as Function | null;
      if (!ctrl || seen.has(ctrl)) continue;
      seen.add(ctrl);
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
        const handler = (ctrl.prototype as Record<string, Handler>)[name];
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || method === undefined) continue;
        const paths = base.flatMap((b) =>
          ([] as string[]).concat(sub).map((s) => `/${[b, s].join('/').split('/').filter(Boolean).join('/')}`),
        );
        const rule = reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, [handler, ctrl]);
        out.push({ controller: ctrl, name, handler, method, paths, rule });
      }
    }
  }
  return out;
}

const isErrorStatus = (status: string): boolean => /^4\d\d$/.test(status) || status === '503';

/** The argument kinds a handler takes (@Body, @Query, @Param, …). */
function argumentKinds(route: MappedRoute): Set<RouteParamtypes> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.name) ?? {}) as Record<string, unknown>;
  return new Set(Object.keys(args).map((key) => Number(key.split(':')[0]) as RouteParamtypes));
}

/**
 * The refusals every route answers whatever its handler does, declared from what the guard and
 * the pipes will do with it: 401 without a credential (every route but a public one), 403 for a
 * role or site the rule does not allow, 400 for a route that reads a body, query or path value,
 * 404 for one that names a record in its path. A route's own declaration wins.
 */
export function declareRouteResponses(app: INestApplication): void {
  for (const route of mappedRoutes(app)) {
    const declared = (Reflect.getMetadata(DECORATORS.API_RESPONSE, route.handler) ?? {}) as Record<string, unknown>;
    const kinds = argumentKinds(route);
    const named = route.paths.some((p) => /:(?!site\b)\w+/.test(p));
    const wanted: ErrorStatus[] = [];
    if (route.rule?.kind !== 'public') wanted.push(401);
    if (route.rule?.kind === 'roles') wanted.push(403);
    if (kinds.has(RouteParamtypes.BODY) || kinds.has(RouteParamtypes.QUERY) || kinds.has(RouteParamtypes.PARAM) || named) wanted.push(400);
    if (named || route.paths.some((p) => p.includes(':site'))) wanted.push(404);
    const descriptor = Object.getOwnPropertyDescriptor(route.controller.prototype, route.name)!;
    for (const status of wanted)
      if (!(String(status) in declared)) ApiResponse(errorResponse(status))(route.controller.prototype, route.name, descriptor);
    // A refusal declared with words only (@ApiBadRequestResponse({ description })) gets the error shape, keeping its words.
    for (const [status, given] of Object.entries(declared) as [
      string,
      { description?: string; content?: unknown; type?: unknown; schema?: unknown },
    ][])
      if (isErrorStatus(status) && !given.content && !given.type && !given.schema)
        ApiResponse(errorResponse(Number(status) as ErrorStatus, given.description))(route.controller.prototype, route.name, descriptor);
  }
}
