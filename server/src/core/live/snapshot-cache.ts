import { IndicatorSnapshot } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { IndicatorsService } from '../../modules/indicators/indicators.service';
import { Site } from '../../modules/registry/site.entity';

const FRESH_MS = 1000;

// A wall fleet reconnecting after a restart asks for the same snapshot hundreds of times at
// once: one computation per site serves them all, and stays good for a second.
@Injectable()
export class SnapshotCache {
  private readonly entries = new Map<string, { at: number; snapshot: Promise<IndicatorSnapshot> }>();

  constructor(private readonly indicators: IndicatorsService) {}

  get(site: Site): Promise<IndicatorSnapshot> {
    const hit = this.entries.get(site.id);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.snapshot;
    const snapshot = this.indicators.snapshot(site);
    this.entries.set(site.id, { at: Date.now(), snapshot });
    snapshot.catch(() => this.entries.delete(site.id));
    return snapshot;
  }

  /** The latest snapshot held for a site, if it is already computed. */
  async latest(site: Site): Promise<IndicatorSnapshot | null> {
    const hit = this.entries.get(site.id);
    return hit ? hit.snapshot : null;
  }

  /** A snapshot computed for a push is the freshest there is. */
  put(site: Site, snapshot: IndicatorSnapshot): void {
    this.entries.set(site.id, { at: Date.now(), snapshot: Promise.resolve(snapshot) });
  }
}
