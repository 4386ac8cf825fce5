import type { LiveAlert } from '@hallwatch/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../core/config/app-config';
import { DomainEventBus, DomainEventMeta, RelayedEvents } from '../../core/events/domain-event-bus';
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

/**
 * 好差评 records of a site changed outside ingest (a follow-up acted on or escalated, its
 * deadlines moved by a calendar edit, a review excluded by an upheld appeal), seen inside the
 * transaction that changed them. `days` are the hall days of the reviews and complaints touched.
 */
export interface ReviewsChanging {
  em: EntityManager;
  siteId: string;
  days: string[];
}

/** The transaction behind `reviews.changing` committed; `siteIds` are the sites it touched. */
export interface ReviewsChanged {
  siteIds: string[];
}

export type { SiteChanged } from '../registry/site-events';

/** A site's alerts as a snapshot showed them (the wall's push), for routing to judge against what it last saw. */
export interface AlertsObserved {
  site: Site;
  alerts: LiveAlert[];
}

/** One standing of an alert: `raisedAt` is when routing first saw it, and with the alert's id it names this standing. */
export interface AlertTransition {
  alert: LiveAlert;
  raisedAt: string;
}

/**
 * A site's alerts changed: `raised` newly standing (or risen from warning to breach), `cleared`
 * standing no more. Judged once, against PostgreSQL, whichever process saw the site.
 */
export interface AlertsChanged {
  siteId: string;
  raised: AlertTransition[];
  cleared: AlertTransition[];
}

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
  /** Inside the transaction, like `events.committing`: a failure rolls the change back. */
  'reviews.changing': ReviewsChanging;
  /** After that transaction committed. */
  'reviews.changed': ReviewsChanged;
  /** A push of the wall found the site's alerts different from its last push. */
  'alerts.observed': AlertsObserved;
  /** After routing's record of the site's standing alerts committed. */
  'alerts.changed': AlertsChanged;
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

/** Loaded once by the server and the worker. */
export const HallwatchEventsModule = DomainEventsModule.forRoot(RELAYED);

/**
 * The bus of a CLI command: the handlers of `providers` (built by the command, since it runs
 * without the modules), and, when `config` names Redis, the relayed events sent to the servers.
 */
export function standaloneEvents(providers: object[], config?: AppConfig): DomainEventBus<DomainEvents> {
  return DomainEventBus.standalone<DomainEvents>(new RelayedEvents(new Set(RELAYED)), providers, config);
}
