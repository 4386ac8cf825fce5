import { ExecutionContext, Injectable } from '@nestjs/common';
import { routeAuth } from '../../../core/auth/auth-rules';
import { RolesGuard } from './roles.guard';

export type { DeviceRequest } from './roles.guard';

/**
 * The older per-route device seam: routes marked @DeviceKey() are checked by the global
 * RolesGuard; on a route without a rule this checks the device key (and signature) itself.
 */
@Injectable()
export class DeviceKeyGuard extends RolesGuard {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const route = routeAuth(this.reflector, ctx);
    if (route.rule) return true;
    return this.enforce(ctx.switchToHttp().getRequest(), { kind: 'device' }, route);
  }
}
