import { Inject, Injectable } from '@nestjs/common';
import type { CommittedBatch, CommittingBatch, ReviewsChanging } from '../domain-events/domain-events';
import { OnDomainEvent } from '../domain-events/domain-events';
import { ROLLUP_KICKS } from './jobs/rollup.producer';
import type { RollupKicks } from './jobs/rollup.producer';
import { RollupService } from './rollup.service';

// Events whose projections feed the rates; their hall days get a rollup mark.
const ROLLUP_TYPES = /^(ticket\.|review\.|complaint\.)/;

/**
 * Keeps the rollups' outbox: every change to what they count marks its site-days stale in the
 * change's own transaction (so a crash cannot lose a mark), and once it has committed a flush is
 * queued to fold the marks in.
 */
@Injectable()
export class RollupReactions {
  constructor(@Inject(ROLLUP_KICKS) private readonly kicks: RollupKicks) {}

  @OnDomainEvent('events.committing')
  markBatch({ em, site, events }: CommittingBatch): Promise<void> {
    return RollupService.mark(
      em,
      site.id,
      events.filter((e) => ROLLUP_TYPES.test(e.event.type)).map((e) => e.serviceDay),
    );
  }

  @OnDomainEvent('events.committed')
  flushBatch({ change }: CommittedBatch): void {
    if (change.tickets || change.reviews || change.complaints) this.kicks.kick();
  }

  @OnDomainEvent('reviews.changing')
  markReviews({ em, siteId, days }: ReviewsChanging): Promise<void> {
    return RollupService.mark(em, siteId, days);
  }

  @OnDomainEvent('reviews.changed')
  flushReviews(): void {
    this.kicks.kick();
  }
}
