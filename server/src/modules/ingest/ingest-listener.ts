import { Injectable } from '@nestjs/common';
import { ProjectionChange } from '../projections/projector';
import { Site } from '../registry/site.entity';

type Handler = (site: Site, change: ProjectionChange) => void;

// Decouples ingest from whoever reacts to committed events (live indicators, alerts),
// so the ingest module does not import them.
@Injectable()
export class IngestListener {
  private readonly handlers: Handler[] = [];

  subscribe(handler: Handler): void {
    this.handlers.push(handler);
  }

  afterCommit(site: Site, change: ProjectionChange): void {
    for (const h of this.handlers) h(site, change);
  }
}
