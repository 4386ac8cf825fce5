import { IndicatorSnapshot } from '@hallwatch/shared';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';
import { AlertFacts } from './alert-rules';
import { AlertSource, byUrgency } from './alert-sources';
import { readUsualWaiting, recordSnapshotHour } from './indicator-history';
import { indicatorSettings } from './indicator-settings';
import { NO_PATROL, PatrolIndicatorSource } from './patrol-indicators';
import { readQueueFacts } from './queue-indicators';
import { readRegistry } from './registry-facts';
import { readReviewFacts } from './review-indicators';
import { buildSnapshot } from './snapshot-builder';
import { sqlOn } from './sql';
import { readPresence } from './window-indicators';
import { readWindowActivity } from './window-states';

/** How often the current hour's history row is refreshed for each site busy today. */
export const HISTORY_INTERVAL_MS = 60_000;

export interface Evaluation {
  snapshot: IndicatorSnapshot;
  alertFacts: AlertFacts;
}

@Injectable()
export class IndicatorsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IndicatorsService.name);
  private patrol: PatrolIndicatorSource = NO_PATROL;
  private readonly alertSources: AlertSource[] = [];
  private timer: NodeJS.Timeout | null = null;
  private recording = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.recordActiveSites(), HISTORY_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The patrol module supplies patrol.rounds.*, patrol.findings.open and notices.overdue here. */
  usePatrolSource(source: PatrolIndicatorSource): void {
    this.patrol = source;
  }

  /** Other features' alerts (rectification rebounds) join the indicators' own in every snapshot. */
  addAlertSource(source: AlertSource): void {
    this.alertSources.push(source);
  }

  async snapshot(site: Site): Promise<IndicatorSnapshot> {
    return (await this.evaluate(site)).snapshot;
  }

  /** The snapshot with the facts behind its alerts (names, thresholds, start times). */
  async evaluate(site: Site): Promise<Evaluation> {
    const now = this.clock.now();
    const day = serviceDay(now, site.timezone);
    const settings = indicatorSettings(site.settings);
    // One read-only snapshot of the database, so that no number on the wall comes from
    // before an event and its neighbour from after it.
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      const sql = sqlOn(em);
      const registry = await readRegistry(sql, site.id);
      const queue = await readQueueFacts(
        sql,
        site.id,
        day,
        (d) => (d === null ? null : registry.departments.get(d)?.waitTargetSec) ?? settings.waitTargetSec,
      );
      const presence = await readPresence(sql, site.id, day, site.timezone, registry);
      const reviews = await readReviewFacts(sql, site.id, day);
      const usualWaiting = await readUsualWaiting(sql, site.id, site.timezone, now);
      const patrol = await this.patrol.values(em, site, now, day);
      const windowActivity = await readWindowActivity(sql, site.id, day);
      const evaluation = buildSnapshot({ site, now, settings, registry, queue, presence, reviews, usualWaiting, patrol, windowActivity });
      for (const source of this.alertSources) evaluation.snapshot.alerts.push(...(await source.alerts(em, site, now)));
      if (this.alertSources.length) evaluation.snapshot.alerts.sort(byUrgency);
      return evaluation;
    });
  }

  /** Stores the site's current indicators as the values of the current hall-local hour. */
  async recordHour(site: Site): Promise<number> {
    const snap = await this.snapshot(site);
    return recordSnapshotHour(sqlOn(this.ds.manager), site.id, site.timezone, new Date(snap.asOf), snap);
  }

  /** Records the hour for every site that has events on its current service day. */
  async recordActiveSites(): Promise<void> {
    if (this.recording) return;
    this.recording = true;
    try {
      const rows: Array<{ id: string }> = await this.ds.query(
        `SELECT s.id FROM sites s WHERE EXISTS (
           SELECT 1 FROM events e WHERE e.site_id = s.id AND e.service_day = ($1::timestamptz AT TIME ZONE s.timezone)::date)`,
        [this.clock.now()],
      );
      if (!rows.length) return;
      const sites = await this.ds.getRepository(Site).findBy({ id: In(rows.map((r) => r.id)) });
      for (const site of sites) {
        try {
          await this.recordHour(site);
        } catch (err) {
          this.logger.warn(`indicator history for ${site.code} failed: ${(err as Error).message}`);
        }
      }
    } catch (err) {
      this.logger.warn(`indicator history round failed: ${(err as Error).message}`);
    } finally {
      this.recording = false;
    }
  }
}
