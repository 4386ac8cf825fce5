import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import { DeviceKeysService } from '../../modules/device-keys/device-keys.service';
import { Site } from '../../modules/registry/site.entity';

export interface DeviceRequest extends Request {
  site: Site;
}

/** Admits a request that carries a live device key and binds it to that key's site. */
@Injectable()
export class DeviceKeyGuard implements CanActivate {
  constructor(private readonly keys: DeviceKeysService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<DeviceRequest>();
    const header = req.headers.authorization;
    if (!header) throw new UnauthorizedException('Missing Authorization header: send "Authorization: Bearer <device key>"');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('Authorization must be "Bearer <device key>"');
    const site = await this.keys.resolve(match[1]);
    if (!site) throw new UnauthorizedException('Unknown or revoked device key');
    req.site = site;
    return true;
  }
}
