import Redis from 'ioredis';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { closeHandler } = require('ioredis/built/redis/event_handler') as { closeHandler: (client: Redis) => () => void };

const MENDED = Symbol.for('hallwatch.ioredis.disconnect-while-reconnecting');

/**
 * ioredis (5.x, its issue #1247) leaves a client told to disconnect while it waits to reconnect in
 * "reconnecting" for ever: the wait is cancelled but nothing closes, so "end" never comes. BullMQ
 * closes a worker by disconnecting its blocking connection and waiting for "end", so a server
 * stopped in the seconds after Redis came back (its clients still waiting out their retry delay)
 * never finished closing. Such a client is now closed as ioredis closes one that never connected:
 * status "end", its queued commands failed, "end" emitted. Applied once, to the one ioredis every
 * client comes from. (Stopped while Redis is still away, a worker can also wait on a command of
 * its main connection; that wait is bounded by SHUTDOWN_GRACE_MS, core/startup/bounded-stop.ts.)
 */
export function closeOnDisconnectWhileReconnecting(): void {
  const proto = Redis.prototype as Redis & { [MENDED]?: true };
  if (proto[MENDED]) return;
  const disconnect = proto.disconnect;
  proto.disconnect = function (this: Redis, reconnect = false): void {
    const waiting = !reconnect && this.status === 'reconnecting';
    disconnect.call(this, reconnect);
    if (waiting && this.status === 'reconnecting') closeHandler(this)();
  };
  proto[MENDED] = true;
}

closeOnDisconnectWhileReconnecting();
