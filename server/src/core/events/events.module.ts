import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventBus, RelayedEvents } from './domain-event-bus';

/** The domain event bus for one process: the server, the worker and the CLI each load it. */
@Module({})
export class DomainEventsModule {
  static forRoot(relayed: readonly string[]): DynamicModule {
    return {
      module: DomainEventsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [DomainEventBus, { provide: RelayedEvents, useValue: new RelayedEvents(new Set(relayed)) }],
      exports: [DomainEventBus],
    };
  }
}
