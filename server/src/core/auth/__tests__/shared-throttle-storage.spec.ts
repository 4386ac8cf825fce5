import type Redis from 'ioredis';
import { SharedThrottleStorage } from '../shared-throttle-storage';

// A stand-in for ioredis: the script's answer, or a refusal as when Redis is down.
const redisAnswering = (answer: () => Promise<unknown>) => ({ eval: jest.fn(answer) }) as unknown as Redis & { eval: jest.Mock };
const refusing = () =>
  redisAnswering(async () => {
    throw new Error('Connection is closed.');
  });
const TIMING = { answerMs: 50, retryMs: 200 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('shared throttle storage', () => {
  it('counts every throttler in Redis under its own key and blocks past the limit until the window ends', async () => {
    let hits = 0;
    const redis = redisAnswering(async () => [++hits, 42_000]);
    const storage = new SharedThrottleStorage(redis, 'hw', TIMING);
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
    await storage.increment('d', 60_000, 6000, 60_000, 'ingest');
    expect(redis.eval).toHaveBeenLastCalledWith(expect.any(String), 1, 'hw:throttle:ingest:d', '60000');
  });

  it('falls back to memory while Redis refuses, and asks it again only after the retry interval', async () => {
    const redis = refusing();
    const storage = new SharedThrottleStorage(redis, 'hw', TIMING);
    expect((await storage.increment('a', 60_000, 2, 60_000, 'ingest')).isBlocked).toBe(false);
    expect((await storage.increment('a', 60_000, 2, 60_000, 'ingest')).isBlocked).toBe(false);
    expect(await storage.increment('a', 60_000, 2, 60_000, 'ingest')).toMatchObject({ totalHits: 3, isBlocked: true });
    expect(redis.eval).toHaveBeenCalledTimes(1);

    await sleep(TIMING.retryMs + 20);
    redis.eval.mockImplementation(async () => [1, 60_000]);
    expect(await storage.increment('a', 60_000, 2, 60_000, 'ingest')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(redis.eval).toHaveBeenCalledTimes(2);
  });

  it('does not wait on a Redis that takes too long to answer', async () => {
    const redis = redisAnswering(() => new Promise(() => undefined));
    const storage = new SharedThrottleStorage(redis, 'hw', TIMING);
    // A clock the test moves, not the machine's: it gives up exactly when the answer is late.
    jest.useFakeTimers();
    try {
      let settled = false;
      const first = storage.increment('a', 60_000, 1, 60_000, 'ingest').finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(TIMING.answerMs - 1);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      expect(await first).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(await storage.increment('a', 60_000, 1, 60_000, 'ingest')).toMatchObject({ totalHits: 2, isBlocked: true });
      expect(redis.eval).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts in memory when Redis answers something other than the script’s count', async () => {
    for (const answer of [null, 'OK', [1], ['1', '60000']]) {
      const storage = new SharedThrottleStorage(
        redisAnswering(async () => answer),
        'hw',
        TIMING,
      );
      expect(await storage.increment('a', 60_000, 1, 60_000, 'login')).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(await storage.increment('a', 60_000, 1, 60_000, 'login')).toMatchObject({ totalHits: 2, isBlocked: true });
    }
  });
});
