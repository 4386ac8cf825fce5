import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedis } from '../redis/redis.module';
import { handlersOf } from './on-domain-event';

/** Where a delivery came from: this process, or another one through Redis. */
export interface DomainEventMeta {
  remote: boolean;
}

type Handler = (payload: unknown, meta: DomainEventMeta) => unknown;

/** Which events travel to the other processes (their payloads must survive JSON). */
export class RelayedEvents {
  constructor(readonly names: ReadonlySet<string>) {}
}

interface RelayMessage {
  origin: string;
  name: string;
  payload: unknown;
}

/**
 * The one way features react to each other (docs/domain-events.md). Handlers are provider
 * methods marked with @OnDomainEvent (declared beside the events), found when the application starts, so that reading a
 * module shows what it reacts to. `M` maps each event's name to its payload.
 */
@Injectable()
export class DomainEventBus<M extends object = Record<string, unknown>> implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('domain-events');
  private readonly handlers = new Map<string, Handler[]>();
  private readonly origin = randomUUID();
  private pub?: Redis;
  private sub?: Redis;
  private channel = '';

  /** Relays still being published, for `settle`. */
  private readonly publishing = new Set<Promise<boolean>>();

  constructor(
    private readonly relayed: RelayedEvents,
    @Optional() private readonly config?: AppConfig,
    @Optional() private readonly discovery?: DiscoveryService,
  ) {}

  /**
   * The bus of a process that runs without Nest's modules (the CLI): the handlers of the given
   * objects, and with `config`, the relay's sending side, so the other processes hear of what
   * it did. Close it with `close()`.
   */
  static standalone<M extends object>(relayed: RelayedEvents, providers: object[], config?: AppConfig): DomainEventBus<M> {
    const bus = new DomainEventBus<M>(relayed, config);
    bus.register(providers);
    if (relayed.names.size && config?.REDIS_URL) bus.startRelay(config, false);
    return bus;
  }

  onModuleInit(): void {
    const providers = (this.discovery?.getProviders() ?? []).filter((w) => w.isDependencyTreeStatic()).map((w) => w.instance as unknown);
    this.register(providers);
    if (this.relayed.names.size && this.config?.REDIS_URL) this.startRelay(this.config, true);
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** Drops the relay's connections, resolving once they are gone (or after a second at most). */
  async close(): Promise<void> {
    await Promise.all([this.pub, this.sub].map((client) => client && ended(client)));
  }

  /**
   * Waits until every relay sent so far has reached Redis or failed, at most `timeoutMs`;
   * false when one did not get there (a process about to end asks, to say so).
   */
  async settle(timeoutMs = 3000): Promise<boolean> {
    if (!this.publishing.size) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const all = Promise.all([...this.publishing]).then((sent) => sent.every(Boolean));
    try {
      return await Promise.race([all, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private register(providers: unknown[]): void {
    const scanner = new MetadataScanner();
    const found: Array<{ name: string; order: number; seq: number; fn: Handler }> = [];
    const seen = new Set<object>();
    for (const provider of providers) {
      const instance = provider as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = instance[method] as Handler;
        for (const h of handlersOf(fn)) found.push({ name: h.name, order: h.order, seq: found.length, fn: fn.bind(instance) });
      }
    }
    found.sort((a, b) => a.order - b.order || a.seq - b.seq);
    for (const h of found) this.handlers.set(h.name, [...(this.handlers.get(h.name) ?? []), h.fn]);
  }

  /**
   * Runs every handler in turn, each awaited before the next; the first failure stops the rest
   * and reaches the emitter (inside a transaction: it rolls back).
   */
  async emitInOrder<K extends keyof M & string>(name: K, payload: M[K]): Promise<void> {
    for (const h of this.handlers.get(name) ?? []) await h(payload, { remote: false });
  }

  /**
   * Tells every handler that something has happened; a handler's failure is logged and keeps
   * neither the emitter nor the other handlers from going on. Relayed events also go to the
   * other processes, when Redis is there: without it only this process hears them.
   */
  emit<K extends keyof M & string>(name: K, payload: M[K]): void {
    this.deliver(name, payload, { remote: false });
    if (this.pub && this.relayed.names.has(name)) {
      const message: RelayMessage = { origin: this.origin, name, payload };
      const sent = this.pub.publish(this.channel, JSON.stringify(message)).then(
        () => true,
        (err: Error) => {
          // A standalone process says so itself, once it has settled.
          if (this.sub) this.logger.debug(`${name} not relayed: ${err.message}`);
          return false;
        },
      );
      this.publishing.add(sent);
      void sent.finally(() => this.publishing.delete(sent));
    }
  }

  private deliver(name: string, payload: unknown, meta: DomainEventMeta): void {
    for (const h of this.handlers.get(name) ?? []) {
      try {
        const done = h(payload, meta);
        if (done instanceof Promise) done.catch((err: Error) => this.logger.warn(`${name} handler failed: ${err.message}`));
      } catch (err) {
        this.logger.warn(`${name} handler failed: ${(err as Error).message}`);
      }
    }
  }

  /** `listen`: hear the other processes too; a process that only tells them (the CLI) does not. */
  private startRelay(config: AppConfig, listen: boolean): void {
    this.channel = `${config.REDIS_PREFIX}:domain-events`;
    // A short-lived process sends right after connecting, so it queues until the connection is up.
    this.pub = createRedis(config.REDIS_URL, 'events-pub', listen ? this.logger : undefined, { offlineQueue: !listen });
    if (!listen) return;
    // Subscribes while connecting, and again by itself after every reconnect.
    this.sub = createRedis(config.REDIS_URL, 'events-sub', this.logger, { offlineQueue: true });
    this.sub
      .subscribe(this.channel)
      .catch((err: Error) => this.logger.warn(`domain events not received from other processes: ${err.message}`));
    this.sub.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      let message: RelayMessage;
      try {
        message = JSON.parse(raw) as RelayMessage;
      } catch {
        return;
      }
      if (message.origin === this.origin || !this.relayed.names.has(message.name)) return;
      this.deliver(message.name, message.payload, { remote: true });
    });
  }
}

function ended(client: Redis): Promise<void> {
  return new Promise((resolve) => {
    if (client.status === 'end') return resolve();
    const timer = setTimeout(resolve, 1000);
    timer.unref();
    client.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
    client.disconnect();
  });
}
