import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';
import { createRedis } from '../../core/redis/redis.module';

/** The largest message or polling request a live client may send (socket.io's own default is 1 MB). */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

// socket.io across server instances: rooms, server-side events and disconnects reach every
// instance through Redis. While Redis is down each instance keeps serving its own clients.
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger('live');
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly corsOrigins: string[] = [],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // Same-origin pages need no CORS; other origins only from the allow-list (CORS_ORIGINS).
    const cors = { origin: this.corsOrigins.length ? this.corsOrigins : false, credentials: true };
    // Clients send nothing but their handshake: a message far above any real one is refused.
    const server = super.createIOServer(port, { ...options, cors, maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES } as ServerOptions) as Server;
    // The adapter subscribes before the connection is up, so these two queue commands while connecting.
    this.pub = createRedis(this.redisUrl, 'sio-pub', this.logger, { offlineQueue: true });
    this.sub = createRedis(this.redisUrl, 'sio-sub', this.logger, { offlineQueue: true });
    // The adapter does not await its publishes, nor the unsubscribes it sends as it closes (queued,
    // then failed, when Redis is away at shutdown): a rejected one must not become an unhandled rejection.
    unheeded(this.pub, 'publish');
    unheeded(this.sub, 'unsubscribe', 'punsubscribe');
    server.adapter(createAdapter(this.pub, this.sub, { key: `${this.prefix}:sio`, requestsTimeout: 2000 }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}

/** Commands a library sends without handling their failure: their rejections are dropped here. */
function unheeded(client: Redis, ...names: Array<'publish' | 'unsubscribe' | 'punsubscribe'>): void {
  for (const name of names) {
    const send = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => send(...args).catch(() => 0);
  }
}
