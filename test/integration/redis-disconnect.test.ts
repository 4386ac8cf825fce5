import Redis from 'ioredis';
import { createRedis } from '../../server/src/core/redis/redis.module';
import { freePort } from '../support/server-process';

// A Redis client told to disconnect while it waits to reconnect ends, as one that never
// connected does: ioredis alone left it "reconnecting" for ever, and BullMQ's close waited on it
// (server/src/core/redis/disconnect-while-reconnecting.ts; the whole server's case is in
// redis-outage.test.ts).
describe('disconnecting a Redis client that waits to reconnect', () => {
  it('ends it, and fails the commands it held', async () => {
    // Nothing listens on the port: the client fails to connect and waits to try again.
    const client: Redis = createRedis(`redis://127.0.0.1:${await freePort()}`, 'disconnect-test', undefined, { offlineQueue: true });
    await new Promise<void>((resolve) => client.on('reconnecting', () => resolve()));
    const held = client.get('k');
    const ended = new Promise<string>((resolve) => client.once('end', () => resolve(client.status)));
    client.disconnect();
    expect(await ended).toBe('end');
    await expect(held).rejects.toThrow('Connection is closed.');
  });

  it('leaves a reconnect asked for alone', async () => {
    const client: Redis = createRedis(`redis://127.0.0.1:${await freePort()}`, 'disconnect-test', undefined, { offlineQueue: true });
    await new Promise<void>((resolve) => client.on('reconnecting', () => resolve()));
    client.disconnect(true);
    expect(client.status).not.toBe('end');
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    client.disconnect();
    await ended;
  });
});
