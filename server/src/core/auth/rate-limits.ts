import { applyDecorators, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { SharedThrottleStorage } from './shared-throttle-storage';
import type { AuthedRequest } from './principal';

export const LOGIN_THROTTLER = 'login';
export const INGEST_THROTTLER = 'ingest';

/**
 * Two fixed-window limits, both counted in Redis across instances (see SharedThrottleStorage):
 * sign-in attempts per client address, and ingest requests per device key (a hall's devices
 * share one address behind its NAT, so not per address).
 */
export function throttlerOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  return {
    storage: new SharedThrottleStorage(redis, config.REDIS_PREFIX),
    throttlers: [
      { name: LOGIN_THROTTLER, ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE },
      {
        name: INGEST_THROTTLER,
        ttl: 60_000,
        limit: Math.max(1, config.INGEST_RATE_PER_MINUTE),
        skipIf: () => config.INGEST_RATE_PER_MINUTE === 0,
        getTracker: (req: Record<string, unknown>) => {
          const r = req as unknown as AuthedRequest;
          return r.deviceKeyId ?? r.ip ?? 'unknown';
        },
      },
    ],
    errorMessage: 'Too many requests; wait a minute and try again',
  };
}

// Runs after the global RolesGuard, so the ingest limit can count per authenticated key.
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(ctx: ExecutionContext): Promise<boolean> {
    return ctx.getType() !== 'http';
  }

  // The library names its header after the limit (Retry-After-ingest); devices, the demo's own
  // client among them, read the standard one to know when to try again.
  protected override async throwThrottlingException(ctx: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    ctx
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('Retry-After', String(detail.timeToBlockExpire));
    return super.throwThrottlingException(ctx, detail);
  }
}

export const LoginRateLimit = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SkipThrottle({ [INGEST_THROTTLER]: true }), UseGuards(RateLimitGuard));

export const IngestRateLimit = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SkipThrottle({ [LOGIN_THROTTLER]: true }), UseGuards(RateLimitGuard));
