import { QueueName } from '@hallwatch/shared';
import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QueueErrorLogger } from './queue-error-logger';
// Every Redis client must close when told to, even while it waits to reconnect (see the module).
import '../redis/disconnect-while-reconnecting';

/** ioredis options for BullMQ from a redis:// URL; BullMQ needs its own blocking connections. */
export function bullConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: Number(u.pathname.replace('/', '') || 0),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => ({ connection: bullConnection(c.REDIS_URL), prefix: `${c.REDIS_PREFIX}:bull` }),
    }),
    BullModule.registerQueue({ name: QueueName.Maintenance }),
  ],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueueModule {}
