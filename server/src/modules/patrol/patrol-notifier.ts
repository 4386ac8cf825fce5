import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IngestListener } from '../ingest/ingest-listener';
import { ProjectionChange } from '../projections/projector';
import { Site } from '../registry/site.entity';

/**
 * Tells the live wall that a site's patrol numbers changed when no event did (a round fell
 * due, a notice went overdue). The wall's publisher listens on the ingest listener; in a
 * worker process without the wall there is none, and the wall's periodic refresh notices.
 */
@Injectable()
export class PatrolNotifier {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly listener?: IngestListener,
  ) {}

  async siteChanged(siteId: string): Promise<void> {
    if (!this.listener) return;
    const site = await this.ds.getRepository(Site).findOneBy({ id: siteId });
    if (!site) return;
    const change: ProjectionChange = { departments: new Set(), tickets: 0, staff: 0, reviews: 0, complaints: 0, rounds: 0 };
    this.listener.afterCommit(site, change);
  }
}
