import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NewEvent, ProjectionChange } from '../projections/projector';
import { Site } from '../registry/site.entity';

type Handler = (site: Site, change: ProjectionChange) => void;

/** A batch's newly stored events, seen inside the ingest transaction. */
export interface CommittingBatch {
  em: EntityManager;
  site: Site;
  events: NewEvent[];
}
type TransactionHandler = (batch: CommittingBatch) => Promise<void>;

// Decouples ingest from whoever reacts to committed events (live indicators, alerts),
// so the ingest module does not import them.
@Injectable()
export class IngestListener {
  private readonly handlers: Handler[] = [];
  private readonly inTransaction: TransactionHandler[] = [];

  subscribe(handler: Handler): void {
    this.handlers.push(handler);
  }

  /**
   * Work that must commit or roll back with the events (follow-up cases opened by bad
   * reviews and complaints): it runs in the ingest transaction, after the projections.
   */
  subscribeInTransaction(handler: TransactionHandler): void {
    this.inTransaction.push(handler);
  }

  async beforeCommit(batch: CommittingBatch): Promise<void> {
    if (!batch.events.length) return;
    for (const h of this.inTransaction) await h(batch);
  }

  afterCommit(site: Site, change: ProjectionChange): void {
    for (const h of this.handlers) h(site, change);
  }
}
