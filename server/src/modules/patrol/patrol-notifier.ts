import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { DomainEvents } from '../domain-events/domain-events';
import { Site } from '../registry/site.entity';

/**
 * Tells whoever shows a site's patrol numbers (the live wall, on every server) that they
 * changed when no event did: a round fell due, a notice went overdue. From a worker process
 * the notice reaches the servers through Redis.
 */
@Injectable()
export class PatrolNotifier {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly events?: DomainEventBus<DomainEvents>,
  ) {}

  async siteChanged(siteId: string): Promise<void> {
    if (!this.events) return;
    const site = await this.ds.getRepository(Site).findOneBy({ id: siteId });
    if (!site) return;
    this.events.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'patrol' });
  }
}
