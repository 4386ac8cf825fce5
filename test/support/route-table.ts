import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { MetadataScanner } from '@nestjs/core/metadata-scanner';
import { AUTH_RULE, AuthRule, EVERY_SITE, EverySiteTest, SELF_SERVICE, SITE_FILTERED } from '../../server/src/core/auth/auth-rules';

export interface RouteEntry {
  method: string;
  path: string;
  controller: string;
  handler: string;
  rule: AuthRule | undefined;
  siteFiltered: boolean;
  selfService: boolean;
  /** Set when some requests of the route reach every site (for accounts of every site only). */
  everySite: EverySiteTest | undefined;
  /** The handler reads the request body (@Body). */
  takesBody: boolean;
}

const join = (...parts: string[]): string =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route Nest mapped, read from the controllers' own metadata, with its auth rule. */
export function routeTable(app: INestApplication): RouteEntry[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const out: RouteEntry[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctrl || seen.has(ctrl)) continue;
      seen.add(ctrl);
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of scanner.getAllMethodNames(ctrl.prototype)) {
        const fn = (ctrl.prototype as Record<string, unknown>)[name] as object;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const targets = [fn as () => void, ctrl];
        const args = Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, ctrl, name) ?? {});
        const takesBody = args.some((key) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
        for (const b of base)
          for (const s of ([] as string[]).concat(sub))
            out.push({
              method: RequestMethod[verb],
              path: join(b, s),
              controller: ctrl.name,
              handler: name,
              rule: reflector.getAllAndOverride<AuthRule | undefined>(AUTH_RULE, targets),
              siteFiltered: reflector.getAllAndOverride<boolean | undefined>(SITE_FILTERED, targets) === true,
              selfService: reflector.getAllAndOverride<boolean | undefined>(SELF_SERVICE, targets) === true,
              everySite: reflector.getAllAndOverride<EverySiteTest | undefined>(EVERY_SITE, targets),
              takesBody,
            });
      }
    }
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
