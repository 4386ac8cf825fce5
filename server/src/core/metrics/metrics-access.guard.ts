import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { parseNetworks } from '../config/network-list';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Who may scrape /metrics: a caller with `Authorization: Bearer <METRICS_TOKEN>` (when set), or
 * one whose address is in METRICS_ALLOW (loopback by default). The figures say how busy each
 * part of the hall system is, which is nobody else's business.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly networks: { allows: (address: string | undefined) => boolean };

  constructor(private readonly config: AppConfig) {
    const parsed = parseNetworks(config.METRICS_ALLOW);
    // loadConfig has refused a bad list already; a matcher that allows nothing is the safe side.
    this.networks = 'error' in parsed ? { allows: () => false } : parsed;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const token = this.config.METRICS_TOKEN;
    const header = req.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : null;
    if (token && bearer !== null && sameSecret(bearer, token)) return true;
    if (this.networks.allows(req.ip)) return true;
    if (token) {
      ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException({
        statusCode: 401,
        field: 'authorization',
        message: bearer === null ? 'metrics need Authorization: Bearer <METRICS_TOKEN>' : 'the metrics token is wrong',
      });
    }
    throw new ForbiddenException({
      statusCode: 403,
      message: 'metrics are served only to the networks in METRICS_ALLOW, or with METRICS_TOKEN when it is set',
    });
  }
}
