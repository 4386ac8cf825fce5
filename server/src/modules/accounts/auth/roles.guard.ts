import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DeviceKeysService } from '../device-keys/device-keys.service';
import { Site } from '../../registry/site.entity';
import { Clock } from '../../../core/time/clock';
import { AuthRule, routeAuth, RouteAuth } from '../../../core/auth/auth-rules';
import { Authenticator } from './authenticator';
import { AuthedRequest, inScope, Principal } from '../../../core/auth/principal';
import { requestContext } from '../../../core/auth/request-context';
import { requestSiteOf } from './request-site-of';
import { auditDenial } from './deny-audit';
import { SIGNATURE_HEADER, signatureProblem } from '../../../core/auth/request-signature';

export interface DeviceRequest extends AuthedRequest {
  site: Site;
}

/**
 * The one gate of every HTTP route (registered globally): reads the route's rule (@Public,
 * @DeviceKey or @Roles), authenticates, checks role and site scope, and writes every denial
 * to the audit log. A route without a rule is refused (closed by default); the route matrix
 * test fails for any such route before it ships.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    protected readonly reflector: Reflector,
    private readonly auth: Authenticator,
    private readonly devices: DeviceKeysService,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const route = routeAuth(this.reflector, ctx);
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!route.rule) return this.deny(req, 403, 'This route declares no access rule', null);
    return this.enforce(req, route.rule, route);
  }

  protected async enforce(req: AuthedRequest, rule: AuthRule, route: RouteAuth): Promise<boolean> {
    if (rule.kind === 'public') return true;
    if (rule.kind === 'device') return this.device(req as DeviceRequest);
    const outcome = await this.auth.fromRequest(req);
    if (!outcome.principal) return this.deny(req, outcome.status, outcome.reason, null);
    const p = outcome.principal;
    this.bind(req, p);
    if (!rule.roles.includes(p.role)) return this.deny(req, 403, `This needs the role ${rule.roles.join(' or ')}; you are ${p.role}`, p);
    // A department account whose binding is gone (its data damaged or migrated back) is limited by nothing: refused.
    if (p.role === 'department' && !p.department && !route.selfService)
      return this.deny(req, 403, 'This department account is bound to no department; ask an administrator to bind it', p);
    if (p.kind === 'user' && p.mustChangePassword && !route.selfService)
      return this.deny(req, 403, 'Change your password first (POST /api/v1/auth/password)', p);
    const site = requestSiteOf(req);
    if (site && !inScope(p, site)) return this.deny(req, 403, `Site "${site}" is not one of your account's sites`, p, site);
    if (!site && p.sites !== 'all' && !route.siteFiltered)
      return this.deny(
        req,
        403,
        `Name a site (a :site path or ?site=<code>): your account is limited to ${p.sites.join(', ') || 'no site'}`,
        p,
      );
    if (p.sites !== 'all') {
      const asks = route.everySite?.(req);
      if (asks)
        return this.deny(
          req,
          403,
          `${asks}: this reaches every site and needs an account of every site; yours is limited to ${p.sites.join(', ') || 'no site'}`,
          p,
          site ?? undefined,
        );
    }
    req.requestSite = site;
    req.requestDepartment = p.department;
    return true;
  }

  private bind(req: AuthedRequest, p: Principal): void {
    req.principal = p;
    req.adminActor = p.actor;
    const ctx = requestContext();
    if (ctx) {
      ctx.actor = p.actor;
      ctx.role = p.role;
    }
  }

  private async device(req: DeviceRequest): Promise<boolean> {
    const header = req.headers.authorization;
    if (!header) return this.deny(req, 401, 'Missing Authorization header: send "Authorization: Bearer <device key>"', null);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return this.deny(req, 401, 'Authorization must be "Bearer <device key>"', null);
    const key = await this.devices.resolveKey(match[1]);
    if (!key) return this.deny(req, 401, 'Unknown or revoked device key', null);
    const actor = `device:${key.prefix}`;
    const signature = req.headers[SIGNATURE_HEADER];
    if (key.requireSignature || signature !== undefined) {
      const nowSec = Math.floor(this.clock.now().getTime() / 1000);
      const problem = signatureProblem(
        typeof signature === 'string' ? signature : undefined,
        match[1],
        req.rawBody ?? Buffer.alloc(0),
        nowSec,
      );
      if (problem) return this.deny(req, 401, problem, { actor, role: null }, key.site.code);
    }
    req.site = key.site;
    req.deviceKeyId = key.id;
    const ctx = requestContext();
    if (ctx) ctx.actor = actor;
    return true;
  }

  /** Records the refusal, then refuses: 401 for no or a bad credential, 403 for the wrong role or site. */
  protected async deny(
    req: AuthedRequest,
    status: 401 | 403,
    reason: string,
    who: Pick<Principal, 'actor' | 'role'> | { actor: string; role: null } | null,
    site?: string,
  ): Promise<never> {
    await auditDenial(this.ds, this.clock, req, status, reason, who, site);
    throw status === 401 ? new UnauthorizedException(reason) : new ForbiddenException(reason);
  }
}
