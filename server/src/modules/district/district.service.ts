import { CalendarDayKind, DistrictSummary, DISTRICT_STALE_AFTER_MIN, IndicatorSnapshot, SiteSummary } from '@hallwatch/shared';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { IndicatorsService } from '../indicators/indicators.service';
import { openingOn } from '../indicators/window-alert-rules';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';
import { DistrictTree } from './district-tree';
import { sameSummary, summarize } from './site-summary';
import { visitFacts } from './visit-facts';

// A summary computed for a push or a read within this long serves the next read as it is: twenty
// overviews opened at once cost one round of snapshots, not twenty.
const FRESH_MS = 5_000;
const PARALLEL_SNAPSHOTS = 3;
// A site's last event and the day's calendar entry are read once and then kept: the last event
// follows the batches this instance commits, and the whole is read again after this long (the
// calendar may have been edited) or when another process changed the site.
const ACTIVITY_REREAD_MS = 300_000;

interface Activity {
  lastEventAt: Date | null;
  calendar: CalendarDayKind | null;
}

interface HeldActivity extends Activity {
  day: string;
  at: number;
}

@Injectable()
export class DistrictService {
  /** The last summary of each site, by site id: what the district's subscribers were last sent. */
  private readonly latest = new Map<string, { at: number; summary: SiteSummary; kept: boolean }>();
  private readonly pending = new Map<string, Promise<DistrictSummary>>();
  private readonly activities = new Map<string, HeldActivity>();
  private recent: (site: Site) => IndicatorSnapshot | null = () => null;
  /** The latest event of each site's latest service day among the batches committed here. */
  private readonly committed = new Map<string, { day: string; lastEventAt: Date }>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly indicators: IndicatorsService,
    private readonly tree: DistrictTree,
    private readonly config: AppConfig,
  ) {}

  /** Where an overview finds a site's recent snapshot before reading one (the live module's pushes). */
  useRecentSnapshots(recent: (site: Site) => IndicatorSnapshot | null): void {
    this.recent = recent;
  }

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
    const summary = await this.summaryOf(site, snapshot, true);
    return before && sameSummary(before, summary) ? null : summary;
  }

  /**
   * The site's summary is no longer kept current by pushes (nobody watches it here any more):
   * an overview opened later computes it afresh once it is older than FRESH_MS.
   */
  released(siteId: string): void {
    const held = this.latest.get(siteId);
    if (held) held.kept = false;
  }

  /** Events of the site just committed here: its last event moves without a read. */
  eventsCommitted(siteId: string, events: ReadonlyArray<{ occurredAt: Date; serviceDay: string }>): void {
    // Kept beside the read activity, so that a batch committed while that read was under way still counts.
    let seen = this.committed.get(siteId);
    for (const e of events) {
      if (seen && e.serviceDay < seen.day) continue;
      if (!seen || e.serviceDay > seen.day || !seen.lastEventAt || e.occurredAt > seen.lastEventAt)
        seen = {
          day: e.serviceDay,
          lastEventAt: seen && e.serviceDay === seen.day && seen.lastEventAt > e.occurredAt ? seen.lastEventAt : e.occurredAt,
        };
    }
    if (seen) this.committed.set(siteId, seen);
  }

  /** Something this process did not see changed the site (another instance's batch, an edit): read its activity again. */
  activityChanged(siteId: string): void {
    this.activities.delete(siteId);
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
        // A summary the pushes keep current (its site is watched here and refreshed as time passes)
        // serves as it is; another one only while it is fresh.
        const held = this.latest.get(site.id);
        const age = held ? this.clock.now().getTime() - held.at : -1;
        const usable = held && age >= 0 && (age < FRESH_MS || (held.kept && age < this.keptMs));
        out[i] = usable ? held.summary : await this.summaryOf(site, this.recent(site) ?? (await this.indicators.snapshot(site)), false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SNAPSHOTS, members.length) }, worker));
    return { district: code, asOf: this.clock.now().toISOString(), staleAfterMin: DISTRICT_STALE_AFTER_MIN, sites: out };
  }

  private async summaryOf(site: Site, snapshot: IndicatorSnapshot, kept: boolean): Promise<SiteSummary> {
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
      visits: await visitFacts(this.ds, site),
    });
    this.latest.set(site.id, { at: now.getTime(), summary, kept });
    return summary;
  }

  /** How old a kept summary may be: two periodic refreshes and some room for a slow one. */
  private get keptMs(): number {
    return 2 * this.config.LIVE_REFRESH_MS + 5_000;
  }

  /** The site's latest event of the day (one probe of its partition's index) and the day's calendar exception. */
  private async activity(site: Site, day: string): Promise<Activity> {
    let held = this.activities.get(site.id);
    if (!held || held.day !== day || Date.now() - held.at >= ACTIVITY_REREAD_MS) {
      held = { ...(await this.readActivity(site, day)), day, at: Date.now() };
      this.activities.set(site.id, held);
    }
    const seen = this.committed.get(site.id);
    const lastEventAt =
      seen?.day === day && (!held.lastEventAt || seen.lastEventAt > held.lastEventAt) ? seen.lastEventAt : held.lastEventAt;
    return { lastEventAt, calendar: held.calendar };
  }

  private async readActivity(site: Site, day: string): Promise<Activity> {
    const [row] = await this.ds.query<Array<{ last: Date | null; kind: CalendarDayKind | null }>>(
      `SELECT (SELECT max(occurred_at) FROM events WHERE site_id = $1 AND service_day = $2::date) AS last,
              (SELECT kind FROM calendar_days WHERE scope IN ('*', $1::uuid::text) AND day = $2::date ORDER BY scope = '*' LIMIT 1) AS kind`,
      [site.id, day],
    );
    return { lastEventAt: row?.last ? new Date(row.last) : null, calendar: row?.kind ?? null };
  }
}
