import { Injectable } from '@nestjs/common';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import type { CommittedBatch, CommittingBatch, DomainEvents } from '../domain-events/domain-events';
import { OnDomainEvent } from '../domain-events/domain-events';
import { openFollowUps } from './follow-up-opening';
import { FollowUpProducer } from './jobs/follow-up.producer';
import { settlePlatformClosures } from './platform-closures';

/** The work orders a batch names: its platform orders and the platform's changes to them. */
const workOrders = ({ events }: CommittingBatch): string[] => {
  const orders = events.flatMap((e) =>
    (e.event.type === 'complaint.received' || e.event.type === 'complaint.platform_updated') &&
    typeof (e.event.data as { workOrder?: unknown }).workOrder === 'string'
      ? [(e.event.data as { workOrder: string }).workOrder]
      : [],
  );
  return [...new Set(orders)].sort();
};

/**
 * What 好差评 does when events arrive: cases open with the batch, a platform's closing or reopening
 * of a work order moves its case, and the cases' jobs are queued after it commits.
 */
@Injectable()
export class ReviewsReactions {
  constructor(
    private readonly producer: FollowUpProducer,
    private readonly events: DomainEventBus<DomainEvents>,
  ) {}

  @OnDomainEvent('events.committing')
  async openCases(batch: CommittingBatch): Promise<void> {
    await openFollowUps(batch);
    const days = await settlePlatformClosures(batch.em, batch.site.id, workOrders(batch));
    if (days.length) await this.events.emitInOrder('reviews.changing', { em: batch.em, siteId: batch.site.id, days });
  }

  @OnDomainEvent('events.committed')
  queueJobs({ site, change }: CommittedBatch): void {
    if (change.reviews || change.complaints || change.orderUpdates) this.producer.kickScheduling(site.id);
    // A platform's closing moves the complaints' rates of the day the complaint came in.
    if (change.orderUpdates) this.events.emit('reviews.changed', { siteIds: [site.id] });
  }
}
