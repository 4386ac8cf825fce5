import { IndicatorSnapshot, LiveAlert } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { DistrictService } from '../district/district.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { Site } from '../registry/site.entity';
import { ReadGate } from './read-gate';

const FRESH_MS = 1000;

// A wall fleet reconnecting after a restart asks for the same snapshot hundreds of times at
// once: one computation per site serves them all, and stays good for a second. The key holds
// what the snapshot takes from the site row itself, so that new hours, thresholds or a new
// name are never answered from the copy computed before them.
const keyOf = (site: Site): string => JSON.stringify([site.id, site.name, site.nameEn, site.timezone, site.settings]);

@Injectable()
export class SnapshotCache {
  private readonly entries = new Map<string, { at: number; snapshot: Promise<IndicatorSnapshot>; done?: IndicatorSnapshot }>();
  private readonly handedOut = new Map<string, Map<string, LiveAlert>>();
  /** Each site's key in `entries`, so that a push replaces it without scanning every site's. */
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly indicators: IndicatorsService,
    district: DistrictService,
    config: AppConfig,
    private readonly gate: ReadGate,
  ) {
    // An overview opened beside the walls takes their latest snapshots (the pushes keep them within
    // a refresh of now) instead of reading every site of the district once more.
    const maxAge = 2 * config.LIVE_REFRESH_MS;
    district.useRecentSnapshots((site) => this.recent(site, maxAge));
  }

  /** The snapshot held for the site if it is computed and at most `maxAgeMs` old. */
  recent(site: Site, maxAgeMs: number): IndicatorSnapshot | null {
    const hit = this.entries.get(keyOf(site));
    return hit?.done && Date.now() - hit.at <= maxAgeMs ? hit.done : null;
  }

  get(site: Site): Promise<IndicatorSnapshot> {
    const key = keyOf(site);
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.snapshot;
    this.forget(site);
    // A wall is waiting for it: it goes ahead of the reads only the clock asked for.
    const snapshot = this.gate.run('change', () => this.indicators.snapshot(site));
    const entry: { at: number; snapshot: Promise<IndicatorSnapshot>; done?: IndicatorSnapshot } = { at: Date.now(), snapshot };
    this.entries.set(key, entry);
    snapshot.then((done) => (entry.done = done)).catch(() => undefined);
    this.keys.set(site.id, key);
    snapshot.catch(() => this.entries.delete(key));
    return snapshot;
  }

  /** The latest snapshot held for a site, if it is already computed. */
  async latest(site: Site): Promise<IndicatorSnapshot | null> {
    const hit = this.entries.get(keyOf(site));
    return hit ? hit.snapshot : null;
  }

  /** A snapshot computed for a push is the freshest there is. */
  put(site: Site, snapshot: IndicatorSnapshot): void {
    this.forget(site);
    const key = keyOf(site);
    this.entries.set(key, { at: Date.now(), snapshot: Promise.resolve(snapshot), done: snapshot });
    this.keys.set(site.id, key);
  }

  /**
   * A snapshot given to a connecting client outside a push: its alerts may be ones the publisher
   * never pushed (raised by time alone since its last push, or before its first), so that the next
   * push must be able to clear them on that client too.
   */
  handOut(site: Site, snapshot: IndicatorSnapshot): void {
    const held = this.handedOut.get(site.id) ?? new Map<string, LiveAlert>();
    for (const a of snapshot.alerts) held.set(a.id, a);
    this.handedOut.set(site.id, held);
  }

  /** The alerts handed out since the last call, for the push that is about to diff its alerts. */
  takeHandedOut(site: Site): Map<string, LiveAlert> {
    const held = this.handedOut.get(site.id) ?? new Map<string, LiveAlert>();
    this.handedOut.delete(site.id);
    return held;
  }

  /** Drops the site's entries under any earlier version of its row. */
  private forget(site: Site): void {
    const key = this.keys.get(site.id);
    if (key !== undefined) this.entries.delete(key);
    this.keys.delete(site.id);
  }
}
