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

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly relayed: RelayedEvents,
    @Optional() private readonly config?: AppConfig,
  ) {}

  onModuleInit(): void {
    const found: Array<{ name: string; order: number; seq: number; fn: Handler }> = [];
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic() || seen.has(instance)) continue;
      seen.add(instance);
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = instance[method] as Handler;
        for (const h of handlersOf(fn)) found.push({ name: h.name, order: h.order, seq: found.length, fn: fn.bind(instance) });
      }
    }
    found.sort((a, b) => a.order - b.order || a.seq - b.seq);
    for (const h of found) this.handlers.set(h.name, [...(this.handlers.get(h.name) ?? []), h.fn]);
    if (this.relayed.names.size && this.config?.REDIS_URL) this.startRelay(this.config);
  }

  async onModuleDestroy(): Promise<void> {
    this.pub?.disconnect();
    this.sub?.disconnect();
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
      this.pub.publish(this.channel, JSON.stringify(message)).catch((err: Error) => {
        this.logger.debug(`${name} not relayed: ${err.message}`);
      });
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

  private startRelay(config: AppConfig): void {
    this.channel = `${config.REDIS_PREFIX}:domain-events`;
    this.pub = createRedis(config.REDIS_URL, 'events-pub', this.logger);
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
