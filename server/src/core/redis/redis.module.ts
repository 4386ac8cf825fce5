import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
// Every Redis client must close when told to, even while it waits to reconnect (see the module).
import './disconnect-while-reconnecting';

export const REDIS = Symbol('REDIS');

/** A Redis client that never gives up reconnecting and fails commands fast while down. */
export function createRedis(url: string, name: string, logger?: Logger, opts: { offlineQueue?: boolean } = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: opts.offlineQueue ?? false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectionName: name,
  });
  let down = false;
  client.on('error', (err) => {
    if (!down) logger?.warn(`redis ${name}: ${err.message}`);
    down = true;
  });
  client.on('ready', () => {
    if (down) logger?.log(`redis ${name}: reconnected`);
    down = false;
  });
  return client;
}

@Injectable()
class RedisCloser implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [AppConfig], useFactory: (c: AppConfig) => createRedis(c.REDIS_URL, 'hallwatch', new Logger('redis')) },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
