import { Logger } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// One fixed window per key: the first hit starts it, later hits only count.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export interface SharedThrottleTiming {
  /** A Redis slower than this to answer is treated as away: ingest must never wait on a stalled Redis. */
  answerMs: number;
  /** After Redis failed, count in memory this long before asking it again, so that requests do not pile up on it. */
  retryMs: number;
}

export const SHARED_THROTTLE_TIMING: SharedThrottleTiming = { answerMs: 250, retryMs: 5_000 };

/**
 * The rate limits' counters, kept in Redis so that a client cannot multiply its allowance by
 * the number of server instances. While Redis is away (refusing, or too slow to answer) each
 * instance counts in its own memory, so the limits still hold per instance and the requests
 * they guard are answered as before.
 */
export class SharedThrottleStorage implements ThrottlerStorage {
  private readonly logger = new Logger('throttle');
  private readonly local = new ThrottlerStorageService();
  private localUntil = 0;
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly timing: SharedThrottleTiming = SHARED_THROTTLE_TIMING,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (Date.now() < this.localUntil) return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const [hits, pttl] = await this.hit(`${this.prefix}:throttle:${throttlerName}:${key}`, ttl);
      if (this.warned) this.logger.log('rate limits counted in Redis again');
      this.warned = false;
      const timeToExpire = Math.max(1, Math.ceil((pttl > 0 ? pttl : ttl) / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (err) {
      this.localUntil = Date.now() + this.timing.retryMs;
      if (!this.warned) this.logger.warn(`rate limits counted per instance while Redis is away: ${(err as Error).message}`);
      this.warned = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private async hit(key: string, ttl: number): Promise<[number, number]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timing.answerMs} ms`)), this.timing.answerMs);
    });
    try {
      const answer = await Promise.race([this.redis.eval(HIT, 1, key, String(ttl)), late]);
      if (!Array.isArray(answer) || answer.length !== 2 || !answer.every((n) => typeof n === 'number'))
        throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
      return answer as [number, number];
    } finally {
      clearTimeout(timer);
    }
  }
}
