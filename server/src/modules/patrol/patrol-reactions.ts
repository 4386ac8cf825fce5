import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/time/clock';
import type { CommittingBatch } from '../domain-events/domain-events';
import { OnDomainEvent } from '../domain-events/domain-events';
import { RoundEventsService } from './round-events.service';

/** What patrol does when events arrive. */
@Injectable()
export class PatrolReactions {
  constructor(
    private readonly roundEvents: RoundEventsService,
    private readonly clock: Clock,
  ) {}

  /** Round events commit with their projection, whichever API brought them. */
  @OnDomainEvent('events.committing')
  async applyRoundEvents({ em, site, events }: CommittingBatch): Promise<void> {
    await this.roundEvents.applyInTransaction(
      em,
      site,
      events.map((e) => ({ id: e.event.id, type: e.event.type, occurredAt: e.occurredAt, data: e.event.data as Record<string, unknown> })),
      this.clock.now(),
    );
  }
}
