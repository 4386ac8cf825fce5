import { Injectable } from '@nestjs/common';
import type { CommittedBatch, CommittingBatch } from '../domain-events/domain-events';
import { OnDomainEvent } from '../domain-events/domain-events';
import { openFollowUps } from './follow-up-opening';
import { FollowUpProducer } from './jobs/follow-up.producer';

/** What 好差评 does when events arrive: cases open with the batch, their jobs are queued after it commits. */
@Injectable()
export class ReviewsReactions {
  constructor(private readonly producer: FollowUpProducer) {}

  @OnDomainEvent('events.committing')
  openCases(batch: CommittingBatch): Promise<void> {
    return openFollowUps(batch);
  }

  @OnDomainEvent('events.committed')
  queueJobs({ site, change }: CommittedBatch): void {
    if (change.reviews || change.complaints) this.producer.kickScheduling(site.id);
  }
}
