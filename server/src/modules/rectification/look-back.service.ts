import { IndicatorSnapshot, LookBackResult, meetsTarget, RectificationReboundView } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne } from '../../core/database/typed-query';
import { serviceDay } from '../../core/time/service-day';
import { IndicatorsService } from '../indicators/indicators.service';
import { Site } from '../registry/site.entity';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationLink, WHOLE_SITE } from './entities/rectification-link.entity';
import { RectificationRebound } from './entities/rectification-rebound.entity';
import { zonedInstant } from '../../core/time/zoned-time';
import { DayVerdict, judgeDay, latestClosedDay, LinkTrack, observeNow, reboundSince } from './look-back-rules';
import { lookBackSettings } from './look-back-settings';
import { EventPresenceRow, RecordedValueRow } from './rectification-rows';

/** The actor recorded in an item's history when the look-back changes its rebound flag. */
export const LOOK_BACK_ACTOR = 'look-back';

/** One look-back or status change at a time per site, so a verdict never lands on a status it did not see. */
export async function lockSite(em: EntityManager, siteId: string): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rectification-look-back:${siteId}`]);
}

export function linkValue(snapshot: IndicatorSnapshot, link: Pick<RectificationLink, 'indicator' | 'department'>): number | null {
  const values = link.department === WHOLE_SITE ? snapshot.values : snapshot.departments[link.department];
  return values?.[link.indicator] ?? null;
}

const trackOf = (l: RectificationLink): LinkTrack => ({
  offSince: l.offSince,
  failingDays: l.failingDays,
  judgedDay: l.judgedDay,
  judgedVerdict: l.judgedVerdict,
  lastValue: l.lastValue,
  checkedAt: l.checkedAt,
});

// The look-back (回头看): observes every linked indicator of a site, judges closed days,
// and flags a rectified item as rebounding (反弹) while a link stays off target longer
// than the site allows. Safe to run twice at once or twice in a row: a per-site lock
// orders the runs, and a day already judged is not judged again.
@Injectable()
export class LookBackService {
  constructor(
    private readonly ds: DataSource,
    private readonly indicators: IndicatorsService,
  ) {}

  async checkSite(site: Site): Promise<LookBackResult> {
    const snapshot = await this.indicators.snapshot(site);
    const now = new Date(snapshot.asOf);
    return this.ds.transaction(async (em) => {
      await lockSite(em, site.id);
      const items = await em.findBy(RectificationItem, { siteId: site.id });
      const links = items.length
        ? await em
            .createQueryBuilder(RectificationLink, 'l')
            .where('l.item_id IN (:...ids)', { ids: items.map((i) => i.id) })
            .getMany()
        : [];
      await this.observe(em, site, links, snapshot, now);
      return this.judgeItems(em, site, items, links, now);
    });
  }

  /** Brings every link's record up to date: live links on every run, daily links once per closed day. */
  private async observe(em: EntityManager, site: Site, links: RectificationLink[], snapshot: IndicatorSnapshot, now: Date): Promise<void> {
    const settings = lookBackSettings(site.settings);
    const today = serviceDay(now, site.timezone);
    const closedDay = latestClosedDay(now, site.timezone, settings.dayClosesAt);
    const toJudge = links.filter((l) => l.window === 'day' && (l.judgedDay === null || l.judgedDay < closedDay));
    const dayOpen = toJudge.length > 0 && (await this.hadEvents(em, site, closedDay));
    const dayStart = zonedInstant(closedDay, '00:00', site.timezone);
    // Daily links already judged for the latest closed day are left as they are.
    for (const link of links.filter((l) => l.window === 'now' || toJudge.includes(l))) {
      const value = linkValue(snapshot, link);
      let next: LinkTrack;
      if (link.window === 'now') {
        next = observeNow(trackOf(link), value, value === null ? null : meetsTarget(value, link.comparator, link.target), now);
      } else {
        // The day is judged on its final value: today's snapshot after closing, else the last recorded hour.
        const dayValue = !dayOpen ? null : closedDay === today ? value : await this.recordedValue(em, site, link, closedDay);
        const verdict: DayVerdict = dayValue === null ? 'no-data' : meetsTarget(dayValue, link.comparator, link.target) ? 'pass' : 'fail';
        next = judgeDay(trackOf(link), closedDay, verdict, dayValue, dayStart, now);
      }
      Object.assign(link, next);
      await em.update(RectificationLink, { id: link.id }, next);
    }
  }

  /** Each linked item's verdict; a change of verdict goes to the item's history. */
  private async judgeItems(
    em: EntityManager,
    site: Site,
    items: RectificationItem[],
    links: RectificationLink[],
    now: Date,
  ): Promise<LookBackResult> {
    const settings = lookBackSettings(site.settings);
    const result: LookBackResult = {
      site: site.code,
      checkedAt: now.toISOString(),
      links: links.length,
      rebounding: [],
      raised: [],
      cleared: [],
    };
    const previous = new Map((await em.findBy(RectificationRebound, { siteId: site.id })).map((r) => [r.itemId, r]));
    for (const item of items) {
      const itemLinks = links.filter((l) => l.itemId === item.id);
      const was = previous.get(item.id);
      if (!itemLinks.length && !was) continue;
      const rectifiedAt = item.status === 'rectified' ? item.rectifiedAt : null;
      const tripped = itemLinks.flatMap((l) => {
        const since = rectifiedAt ? reboundSince(l.window, l, rectifiedAt, settings, now) : null;
        return since ? [{ l, since }] : [];
      });
      const since = tripped.length ? new Date(Math.min(...tripped.map((t) => t.since.getTime()))) : null;
      const offLinks: RectificationReboundView['links'] = tripped.map(({ l }) => ({
        indicator: l.indicator,
        department: l.department === WHOLE_SITE ? null : l.department,
        value: l.lastValue,
        comparator: l.comparator,
        target: l.target,
        window: l.window,
      }));
      await em.upsert(
        RectificationRebound,
        { itemId: item.id, siteId: site.id, rebounding: since !== null, since, lastCheckedAt: now, links: offLinks },
        ['itemId'],
      );
      if (since) result.rebounding.push({ key: item.key, number: item.number, since: since.toISOString() });
      if (Boolean(was?.rebounding) === (since !== null)) continue;
      (since ? result.raised : result.cleared).push(item.key);
      await em.insert(RectificationHistory, {
        itemId: item.id,
        at: now,
        actor: LOOK_BACK_ACTOR,
        field: 'rebound',
        oldValue: was?.rebounding ? (was.since?.toISOString() ?? null) : null,
        newValue: since ? since.toISOString() : null,
      });
    }
    return result;
  }

  /** Runs the look-back for every site that has linked items; one failing site does not stop the rest. */
  async checkAllSites(onError: (site: Site, err: Error) => void): Promise<LookBackResult[]> {
    const out: LookBackResult[] = [];
    for (const site of await this.sitesWithLinks()) {
      try {
        out.push(await this.checkSite(site));
      } catch (err) {
        onError(site, err as Error);
      }
    }
    return out;
  }

  async sitesWithLinks(): Promise<Site[]> {
    return this.ds
      .getRepository(Site)
      .createQueryBuilder('s')
      .where(`EXISTS (SELECT 1 FROM rectification_items i JOIN rectification_links l ON l.item_id = i.id WHERE i.site_id = s.id)`)
      .orderBy('s.code')
      .getMany();
  }

  /** Only a day the hall worked is judged: a Sunday with no rounds is not a rebound. */
  private async hadEvents(em: EntityManager, site: Site, day: string): Promise<boolean> {
    const row = await queryOne<EventPresenceRow>(em, `SELECT 1 AS present FROM events WHERE site_id = $1 AND service_day = $2 LIMIT 1`, [
      site.id,
      day,
    ]);
    return row !== undefined;
  }

  private async recordedValue(em: EntityManager, site: Site, link: RectificationLink, day: string): Promise<number | null> {
    const row = await queryOne<RecordedValueRow>(
      em,
      `SELECT value FROM indicator_history
       WHERE site_id = $1 AND indicator = $2 AND department = $3
         AND hour >= ($4::date::timestamp AT TIME ZONE $5) AND hour < (($4::date + 1)::timestamp AT TIME ZONE $5)
       ORDER BY hour DESC LIMIT 1`,
      [site.id, link.indicator, link.department, day, site.timezone],
    );
    return row?.value ?? null;
  }
}
