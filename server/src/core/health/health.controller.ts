import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth-rules';
import { HealthApi } from './health.api';
import { REDIS } from '../redis/redis.module';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Readiness: PostgreSQL answers, and Redis answers with an eviction policy that cannot drop queued jobs. */
  @Get()
  @HealthCheck()
  @HealthApi()
  check() {
    return this.health.check([() => this.database(), () => this.redisCheck()]);
  }

  /** Readiness as orchestrators name it (the same checks as /health): take traffic only when this answers 200. */
  @Get('ready')
  @HealthCheck()
  @HealthApi()
  ready() {
    return this.check();
  }

  /**
   * Liveness: the process answers, whatever PostgreSQL and Redis do; restarting the server would
   * not bring either back, so their outage must not get it killed.
   */
  @Get('live')
  @HealthCheck()
  @HealthApi()
  live() {
    return this.health.check([]);
  }

  private async database() {
    const probe = this.indicator.check('database');
    try {
      await withTimeout(this.ds.query('SELECT 1'), 2000);
      return probe.up();
    } catch (err) {
      return probe.down({ message: `PostgreSQL unreachable: ${(err as Error).message}` });
    }
  }

  private async redisCheck() {
    const probe = this.indicator.check('redis');
    try {
      await withTimeout(this.redis.ping(), 2000);
    } catch (err) {
      return probe.down({ message: `Redis unreachable: ${(err as Error).message}` });
    }
    let policy: string;
    try {
      [, policy] = (await withTimeout(this.redis.config('GET', 'maxmemory-policy'), 2000)) as [string, string];
    } catch (err) {
      // Managed Redis services often refuse CONFIG: Redis works, its policy is the operator's to check.
      return probe.up({
        maxmemoryPolicy: 'unknown',
        message: `CONFIG GET refused (${(err as Error).message}); make sure maxmemory-policy is noeviction`,
      });
    }
    // Any eviction policy may silently delete BullMQ's keys, losing scheduled rounds and follow-ups.
    if (policy !== 'noeviction')
      return probe.down({ maxmemoryPolicy: policy, message: `Redis maxmemory-policy is "${policy}"; set it to noeviction` });
    return probe.up({ maxmemoryPolicy: policy });
  }
}
