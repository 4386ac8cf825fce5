import type Redis from 'ioredis';
import { SharedThrottleStorage } from '../shared-throttle-storage';

// A stand-in for ioredis: the script's answer, or a refusal as when Redis is down.
const redisAnswering = (answer: () => Promise<unknown>) => ({ eval: jest.fn(answer) }) as unknown as Redis & { eval: jest.Mock };

describe('shared throttle storage', () => {
  it('counts a named throttler in Redis and blocks past the limit until the window ends', async () => {
    let hits = 0;
    const redis = redisAnswering(async () => [++hits, 42_000]);
    const storage = new SharedThrottleStorage(redis, 'hw', new Set(['login']));
    const first = await storage.increment('k', 60_000, 2, 60_000, 'login');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 42, isBlocked: false, timeToBlockExpire: 0 });
    await storage.increment('k', 60_000, 2, 60_000, 'login');
    expect(await storage.increment('k', 60_000, 2, 60_000, 'login')).toEqual({
      totalHits: 3,
      timeToExpire: 42,
      isBlocked: true,
      timeToBlockExpire: 42,
    });
    expect(redis.eval).toHaveBeenCalledWith(expect.any(String), 1, 'hw:throttle:login:k', '60000');
  });

  it('keeps other throttlers in memory, and falls back to memory while Redis is away', async () => {
    const redis = redisAnswering(async () => {
      throw new Error('Connection is closed.');
    });
    const storage = new SharedThrottleStorage(redis, 'hw', new Set(['login']));
    await storage.increment('d', 60_000, 1, 60_000, 'ingest');
    expect(redis.eval).not.toHaveBeenCalled();
    expect((await storage.increment('a', 60_000, 1, 60_000, 'login')).isBlocked).toBe(false);
    expect((await storage.increment('a', 60_000, 1, 60_000, 'login')).isBlocked).toBe(true);
  });
});
