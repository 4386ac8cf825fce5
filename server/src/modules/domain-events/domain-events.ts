import { EntityManager } from 'typeorm';
import { DomainEventMeta } from '../../core/events/domain-event-bus';
import { DomainEventsModule } from '../../core/events/events.module';
import { domainEventHandler, HandlerOptions } from '../../core/events/on-domain-event';
import { NewEvent, ProjectionChange } from '../projections/projector';
import { Site } from '../registry/site.entity';

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

/**
 * The wall's numbers of a site may have changed. `events`: a batch committed; `patrol`: a
 * round fell due, overdue or missed, a notice was reminded or escalated, a finding or notice
 * was answered; `registry`: the site, its settings, departments, windows, staff or service
 * items were edited.
 */
export interface SiteChanged {
  siteId: string;
  siteCode: string;
  cause: 'events' | 'patrol' | 'registry';
}

export interface DomainEvents {
  /**
   * Inside the ingest transaction, after the projections, with the transaction's entity
   * manager: handlers run one after another, and a failure rolls the batch back.
   */
  'events.committing': CommittingBatch;
  /** After the ingest transaction committed. */
  'events.committed': CommittedBatch;
  /** The ingest transaction rolled back after its `events.committing` handlers began. */
  'events.rolled-back': CommittingBatch;
  /** Relayed to every process. */
  'site.changed': SiteChanged;
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
