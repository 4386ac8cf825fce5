import { IndicatorValues } from '@hallwatch/shared';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { IndicatorsService } from '../../modules/indicators/indicators.service';
import { IngestListener } from '../../modules/ingest/ingest-listener';
import { Site } from '../../modules/registry/site.entity';
import { LiveGateway, siteRoom } from './live.gateway';

const MIN_INTERVAL_MS = 250;

interface SiteState {
  site: Site;
  lastSent: { values: IndicatorValues; departments: Record<string, IndicatorValues> } | null;
  lastAt: number;
  timer: NodeJS.Timeout | null;
  running: boolean;
  dirty: boolean;
}

// Recomputes a site's indicators after committed events and pushes only what changed,
// at most a few times a second per site however fast events arrive.
@Injectable()
export class LivePublisher implements OnModuleInit {
  private readonly logger = new Logger(LivePublisher.name);
  private readonly sites = new Map<string, SiteState>();

  constructor(
    private readonly gateway: LiveGateway,
    private readonly indicators: IndicatorsService,
    private readonly ingest: IngestListener,
  ) {}

  onModuleInit(): void {
    this.ingest.subscribe((site) => this.siteChanged(site));
  }

  siteChanged(site: Site): void {
    let s = this.sites.get(site.id);
    if (!s) {
      s = { site, lastSent: null, lastAt: 0, timer: null, running: false, dirty: false };
      this.sites.set(site.id, s);
    }
    s.dirty = true;
    this.schedule(s);
  }

  private schedule(s: SiteState): void {
    if (s.timer || s.running) return;
    const wait = Math.max(0, s.lastAt + MIN_INTERVAL_MS - Date.now());
    s.timer = setTimeout(() => {
      s.timer = null;
      void this.publish(s);
    }, wait);
  }

  private async publish(s: SiteState): Promise<void> {
    s.running = true;
    s.dirty = false;
    s.lastAt = Date.now();
    try {
      const snap = await this.indicators.snapshot(s.site);
      const values = changed(s.lastSent?.values ?? {}, snap.values);
      const departments: Record<string, IndicatorValues> = {};
      for (const [code, v] of Object.entries(snap.departments)) {
        const diff = changed(s.lastSent?.departments[code] ?? {}, v);
        if (Object.keys(diff).length) departments[code] = diff;
      }
      s.lastSent = { values: snap.values, departments: snap.departments };
      if (Object.keys(values).length || Object.keys(departments).length)
        this.gateway.namespace.to(siteRoom(s.site.code)).emit('update', { site: snap.site, asOf: snap.asOf, values, departments });
    } catch (err) {
      this.logger.warn(`indicator recompute failed for ${s.site.code}: ${(err as Error).message}`);
    } finally {
      s.running = false;
      if (s.dirty) this.schedule(s);
    }
  }
}

function changed(before: IndicatorValues, after: IndicatorValues): IndicatorValues {
  const out: IndicatorValues = {};
  for (const [k, v] of Object.entries(after) as Array<[keyof IndicatorValues, number | null]>) if (before[k] !== v) out[k] = v;
  return out;
}
