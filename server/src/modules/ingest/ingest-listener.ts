import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NewEvent, ProjectionChange } from '../projections/projector';
import { Site } from '../registry/site.entity';

/** `batch` is the committed ingest batch, absent for changes made elsewhere (patrol actions). */
type Handler = (site: Site, change: ProjectionChange, batch?: CommittingBatch) => void;

/** A batch's newly stored events, seen inside the ingest transaction. */
export interface CommittingBatch {
  em: EntityManager;
  site: Site;
  events: NewEvent[];
}
type TransactionHandler = (batch: CommittingBatch) => Promise<void>;
type RollbackHandler = (batch: CommittingBatch) => void;

// Decouples ingest from whoever reacts to committed events (live indicators, alerts),
// so the ingest module does not import them.
@Injectable()
export class IngestListener {
  private readonly handlers: Handler[] = [];
  private readonly inTransaction: TransactionHandler[] = [];
  private readonly atCommit: TransactionHandler[] = [];
  private readonly rollbacks: RollbackHandler[] = [];

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

  /**
   * Work that runs last in the transaction, after every subscribeInTransaction handler, and
   * must never fail it (the live snapshot, read while the batch still holds its site's lock so
   * that it can be pushed the moment the batch commits). `onRollback` hears of batches that
   * did not commit.
   */
  subscribeAtCommit(handler: TransactionHandler, onRollback: RollbackHandler): void {
    this.atCommit.push(handler);
    this.rollbacks.push(onRollback);
  }

  async beforeCommit(batch: CommittingBatch): Promise<void> {
    if (!batch.events.length) return;
    for (const h of this.inTransaction) await h(batch);
    for (const h of this.atCommit) await h(batch);
  }

  afterCommit(site: Site, change: ProjectionChange, batch?: CommittingBatch): void {
    for (const h of this.handlers) h(site, change, batch);
  }

  afterRollback(batch: CommittingBatch): void {
    for (const h of this.rollbacks) h(batch);
  }
}
