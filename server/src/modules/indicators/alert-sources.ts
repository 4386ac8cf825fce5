import { LiveAlert } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { Site } from '../registry/site.entity';

/**
 * The seam where other features add their own alerts to the snapshot (rectification
 * rebounds, later follow-up deadlines). Like the patrol source, it reads through the
 * snapshot's entity manager so its alerts belong to the same database snapshot.
 */
export interface AlertSource {
  alerts(em: EntityManager, site: Site, now: Date): Promise<LiveAlert[]>;
}

/** The wall's order: breaches first, then the oldest condition, then by id. */
export function byUrgency(a: LiveAlert, b: LiveAlert): number {
  const rank = (x: LiveAlert) => (x.severity === 'breach' ? 0 : 1);
  return rank(a) - rank(b) || a.since.localeCompare(b.since) || a.id.localeCompare(b.id);
}
