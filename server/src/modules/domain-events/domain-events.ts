import type { EntityManager } from 'typeorm';
import { DomainEventMeta } from '../../core/events/domain-event-bus';
import { DomainEventsModule } from '../../core/events/events.module';
import { domainEventHandler, HandlerOptions } from '../../core/events/on-domain-event';
import type { NewEvent, ProjectionChange } from '../projections/projector';
import type { SiteEvents } from '../registry/site-events';
import type { Site } from '../registry/site.entity';

// Every domain event of Hallwatch, by name, with what it carries (docs/domain-events.md).

/** A batch's newly stored events, seen inside the ingest transaction. */
export interface CommittingBatch {
  em: EntityManager;
  site: Site;
  events: NewEvent[];
}

/** A batch that has committed: `change` is what its projection touched. */
export interface CommittedBatch {
  site: Site;
  change: ProjectionChange;
  batch: CommittingBatch;
}

export type { SiteChanged } from '../registry/site-events';

/** Every event; `site.changed` is declared with the registry (see SiteEvents). */
export interface DomainEvents extends SiteEvents {
  /**
   * Inside the ingest transaction, after the projections, with the transaction's entity
   * manager: handlers run one after another, and a failure rolls the batch back.
   */
  'events.committing': CommittingBatch;
  /** After the ingest transaction committed. */
  'events.committed': CommittedBatch;
  /** The ingest transaction rolled back after its `events.committing` handlers began. */
  'events.rolled-back': CommittingBatch;
}

/** Events that other processes hear too, through Redis. */
const RELAYED: ReadonlyArray<keyof DomainEvents> = ['site.changed'];

type HandlerOf<K extends keyof DomainEvents> = (payload: DomainEvents[K], meta: DomainEventMeta) => unknown;

/** Marks a provider method as the handler of a domain event; its parameter must take the event's payload. */
export function OnDomainEvent<K extends keyof DomainEvents>(name: K, options?: HandlerOptions) {
  return <T extends HandlerOf<K>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    domainEventHandler(name, options)(target, key, descriptor);
  };
}

/** Loaded once by every process: the server, the worker and the CLI. */
export const HallwatchEventsModule = DomainEventsModule.forRoot(RELAYED);
