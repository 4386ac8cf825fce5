import { Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// One fixed window per key: the first hit starts it, later hits only count.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * The rate limits' counters. The named throttlers (sign-in) are counted in Redis, so that a
 * client cannot multiply its attempts by the number of server instances; while Redis is
 * away they fall back to this instance's memory, as every other throttler always does (the
 * ingest limit stays local: it is on the hot path and per key anyway).
 */
export class SharedThrottleStorage implements ThrottlerStorage {
  private readonly logger = new Logger('throttle');
  private readonly local = new ThrottlerStorageService();
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly shared: ReadonlySet<string>,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (!this.shared.has(throttlerName)) return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const [hits, pttl] = (await this.redis.eval(HIT, 1, `${this.prefix}:throttle:${throttlerName}:${key}`, String(ttl))) as [
        number,
        number,
      ];
      this.warned = false;
      const timeToExpire = Math.max(1, Math.ceil((pttl > 0 ? pttl : ttl) / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (err) {
      if (!this.warned)
        this.logger.warn(`rate limit "${throttlerName}" counted per instance while Redis is away: ${(err as Error).message}`);
      this.warned = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
