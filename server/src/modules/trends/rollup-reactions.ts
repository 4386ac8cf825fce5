import type { EventType } from '@hallwatch/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { CommittedBatch, CommittingBatch, ReviewsChanging } from '../domain-events/domain-events';
import { OnDomainEvent } from '../domain-events/domain-events';
import { ROLLUP_KICKS } from './jobs/rollup.producer';
import type { RollupKicks } from './jobs/rollup.producer';
import { RollupService } from './rollup.service';

/** Whether a type's projection feeds the rates: its events' hall days get a rollup mark. Every type says. */
const COUNTED: Record<EventType, boolean> = {
  'ticket.issued': true,
  'ticket.called': true,
  'ticket.started': true,
  'ticket.completed': true,
  'ticket.no_show': true,
  'ticket.transferred': true,
  'staff.signed_in': false,
  'staff.signed_out': false,
  'staff.left_post': false,
  'staff.returned': false,
  'review.submitted': true,
  'complaint.received': true,
  // The platform's limits and state are not in the rates.
  'complaint.platform_updated': false,
  'round.started': false,
  'round.completed': false,
  'round.check': false,
};

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
      events.filter((e) => COUNTED[e.event.type]).map((e) => e.serviceDay),
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
