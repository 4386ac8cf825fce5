import { CalendarDayKind, DistrictSummary, DISTRICT_STALE_AFTER_MIN, IndicatorSnapshot, SiteSummary } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { IndicatorsService } from '../indicators/indicators.service';
import { openingOn } from '../indicators/window-alert-rules';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { DistrictTree } from './district-tree';
import { sameSummary, summarize } from './site-summary';

// A summary computed for a push or a read within this long serves the next read as it is: twenty
// overviews opened at once cost one round of snapshots, not twenty.
const FRESH_MS = 5_000;
const PARALLEL_SNAPSHOTS = 3;

interface Activity {
  lastEventAt: Date | null;
  calendar: CalendarDayKind | null;
}

@Injectable()
export class DistrictService {
  /** The last summary of each site, by site id: what the district's subscribers were last sent. */
  private readonly latest = new Map<string, { at: number; summary: SiteSummary }>();
  private readonly pending = new Map<string, Promise<DistrictSummary>>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly indicators: IndicatorsService,
    private readonly tree: DistrictTree,
  ) {}

  /** The district hall whose overview shows this site, from the tree as last read. */
  districtOf(siteId: string): string | null {
    return this.tree.districtCodeOf(siteId);
  }

  /** The district hall's sites (the hall, each town and its villages), for the periodic refresh. */
  members(code: string): Promise<Site[]> {
    return this.tree.members(code);
  }

  /**
   * The site's summary from a snapshot just computed for its wall; null when the summary says
   * what the last one did, so that the district's subscribers hear only of sites that changed.
   */
  async changed(site: Site, snapshot: IndicatorSnapshot): Promise<SiteSummary | null> {
    const before = this.latest.get(site.id)?.summary;
    const summary = await this.summaryOf(site, snapshot);
    return before && sameSummary(before, summary) ? null : summary;
  }

  /** Every site of a district hall's tree, summarised; reads asked for while one is under way share it. */
  overview(code: string): Promise<DistrictSummary> {
    let pending = this.pending.get(code);
    if (!pending) {
      pending = this.readOverview(code).finally(() => this.pending.delete(code));
      this.pending.set(code, pending);
    }
    return pending;
  }

  private async readOverview(code: string): Promise<DistrictSummary> {
    const hall = await this.tree.site(code);
    if (!hall) throw new NotFoundException(`No site with code "${code}"`);
    if (hall.tier !== 'hall')
      throw new NotFoundException({
        statusCode: 404,
        field: 'site',
        message: `"${code}" is a ${hall.tier} site; the overview is of a district hall (site)`,
      });
    const members = await this.tree.members(code);
    const out: SiteSummary[] = new Array<SiteSummary>(members.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < members.length; i = next++) {
        const site = members[i];
        // By the server's clock, as the summary's own time stamp: a clock set back is not served a later summary.
        const held = this.latest.get(site.id);
        const age = held ? this.clock.now().getTime() - held.at : -1;
        out[i] = held && age >= 0 && age < FRESH_MS ? held.summary : await this.summaryOf(site, await this.indicators.snapshot(site));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SNAPSHOTS, members.length) }, worker));
    return { district: code, asOf: this.clock.now().toISOString(), staleAfterMin: DISTRICT_STALE_AFTER_MIN, sites: out };
  }

  private async summaryOf(site: Site, snapshot: IndicatorSnapshot): Promise<SiteSummary> {
    const now = new Date(snapshot.asOf);
    const day = serviceDay(now, site.timezone);
    const activity = await this.activity(site, day);
    const settings = indicatorSettings(site.settings);
    const summary = summarize({
      site,
      parent: await this.tree.parentCode(site),
      snapshot,
      roster: await this.tree.roster(site.id),
      opening: openingOn(day, site.timezone, settings.hours, settings.lunchBreak, activity.calendar),
      lastEventAt: activity.lastEventAt,
      now,
    });
    this.latest.set(site.id, { at: now.getTime(), summary });
    return summary;
  }

  /** The site's latest event of the day (one probe of its partition's index) and the day's calendar exception. */
  private async activity(site: Site, day: string): Promise<Activity> {
    const [row] = await this.ds.query<Array<{ last: Date | null; kind: CalendarDayKind | null }>>(
      `SELECT (SELECT max(occurred_at) FROM events WHERE site_id = $1 AND service_day = $2::date) AS last,
              (SELECT kind FROM calendar_days WHERE scope IN ('*', $1::uuid::text) AND day = $2::date ORDER BY scope = '*' LIMIT 1) AS kind`,
      [site.id, day],
    );
    return { lastEventAt: row?.last ? new Date(row.last) : null, calendar: row?.kind ?? null };
  }
}
