import type { Role } from '@hallwatch/shared';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who is calling, as the guards established it. */
export type Principal =
  | {
      kind: 'user';
      actor: string;
      role: Role;
      userId: string;
      sessionId: string;
      /** Site codes, or "all" for an account of every site. */
      sites: readonly string[] | 'all';
      /**
       * The department of its one site a `department` account is bound to (null for the other
       * roles): what it reads and changes is limited to that department (docs/security.md).
       */
      department: string | null;
      mustChangePassword: boolean;
      via: 'cookie' | 'bearer';
    }
  | { kind: 'admin-token'; actor: 'admin-token'; role: 'admin'; sites: 'all'; department: null }
  | { kind: 'display'; actor: string; role: 'display'; tokenId: string; sites: readonly string[]; department: null };

/** What the guards leave on the request; `adminActor` is the name the older handlers read. */
export interface AuthedRequest extends Request {
  principal?: Principal;
  adminActor?: string;
  rawBody?: Buffer;
  /** The one site the request names (path or `?site=`), checked by the guard; null when it names none. */
  requestSite?: string | null;
  /** The department the caller is limited to (a `department` account's own), set by the guard; null when none. */
  requestDepartment?: string | null;
  /** The device key a device request was made with (set by the guard on @DeviceKey routes). */
  deviceKeyId?: string;
}

export const inScope = (p: Pick<Principal, 'sites'>, site: string): boolean => p.sites === 'all' || p.sites.includes(site);

/** The principal of the request (routes with a roles rule always have one). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a roles rule');
  return principal;
});
