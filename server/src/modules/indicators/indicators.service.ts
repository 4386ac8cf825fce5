import { IndicatorSnapshot, LiveAlert } from '@hallwatch/shared';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';
import { AlertFacts } from './alert-rules';
import { ROSTER_LOOKBACK_DAYS } from './window-indicators';
import { byUrgency } from './alert-sources';
import type { AlertSource } from './alert-sources';
import { recordSnapshotHour } from './indicator-history';
import { ActiveSiteRow, HistoryRoundRow } from './indicator-rows';
import { indicatorSettings } from '../registry/indicator-settings';
import { NO_PATROL } from './patrol-indicators';
import type { PatrolIndicatorSource, PatrolIndicatorValues } from './patrol-indicators';
import { buildSnapshot } from './snapshot-builder';
import { readSnapshotFacts } from './snapshot-facts';
import type { SnapshotFacts } from './snapshot-facts';
import { ABSENCE_REGISTER, ALERT_SOURCES, PATROL_INDICATORS } from './snapshot-sources';
import { NO_REGISTER } from './absence-register';
import type { AbsenceRegisterSource, RegisterEntryFact } from './absence-register';
import { sqlOn } from './sql';

/** How often the current hour's history row is refreshed for each site busy today. */
export const HISTORY_INTERVAL_MS = 60_000;
// Less than the interval, so that instances whose timers drift apart still record every minute.
const HISTORY_ROUND_GAP_MS = HISTORY_INTERVAL_MS - 10_000;

/** What one snapshot was built from (`IndicatorsService.reading`), kept to rebuild it as time passes. */
export interface SnapshotReading {
  readAt: Date;
  day: string;
  hour: string;
  facts: SnapshotFacts;
  patrol: PatrolIndicatorValues;
  register: readonly RegisterEntryFact[];
  sourceAlerts: LiveAlert[];
}

const hourOf = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at);

export interface Evaluation {
  snapshot: IndicatorSnapshot;
  alertFacts: AlertFacts;
}

@Injectable()
export class IndicatorsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IndicatorsService.name);
  private patrol: PatrolIndicatorSource;
  private readonly register: AbsenceRegisterSource;
  private readonly alertSources: AlertSource[];
  private timer: NodeJS.Timeout | null = null;
  private recording = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    // Given by SnapshotModule (server/src/snapshot.module.ts) in every process; absent only
    // where a caller wants the indicators' own numbers, as the history tests do.
    @Optional() @Inject(PATROL_INDICATORS) patrol?: PatrolIndicatorSource,
    @Optional() @Inject(ALERT_SOURCES) alertSources?: readonly AlertSource[],
    @Optional() @Inject(ABSENCE_REGISTER) register?: AbsenceRegisterSource,
  ) {
    this.patrol = patrol ?? NO_PATROL;
    this.register = register ?? NO_REGISTER;
    this.alertSources = [...(alertSources ?? [])];
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.recordActiveSites(), HISTORY_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Test seam: plays patrol numbers through the snapshot. */
  usePatrolSource(source: PatrolIndicatorSource): void {
    this.patrol = source;
  }

  /** Test seam: one more alert source (the sources themselves are given at construction). */
  addAlertSource(source: AlertSource): void {
    this.alertSources.push(source);
  }

  async snapshot(site: Site): Promise<IndicatorSnapshot> {
    return (await this.evaluate(site)).snapshot;
  }

  /** The snapshot with the facts behind its alerts (names, thresholds, start times). */
  async evaluate(site: Site): Promise<Evaluation> {
    // One read-only snapshot of the database, so that no number on the wall comes from
    // before an event and its neighbour from after it; opened in one statement, since a
    // push's cost is mostly its round trips.
    const runner = this.ds.createQueryRunner();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const evaluation = await this.read(runner.manager, site);
      await runner.query('COMMIT');
      return evaluation;
    } catch (err) {
      if (!runner.isReleased) await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * The snapshot as an ingest transaction sees it just before it commits. That transaction holds
   * its site's lock, so no other batch of the site can land between this read and the commit:
   * the snapshot is the site as of the commit. A savepoint keeps a failed read from failing the
   * batch.
   */
  async snapshotWithin(em: EntityManager, site: Site): Promise<IndicatorSnapshot> {
    await em.query('SAVEPOINT live_snapshot');
    try {
      const { snapshot } = await this.read(em, site);
      await em.query('RELEASE SAVEPOINT live_snapshot');
      return snapshot;
    } catch (err) {
      await em.query('ROLLBACK TO SAVEPOINT live_snapshot');
      throw err;
    }
  }

  private async read(em: EntityManager, site: Site): Promise<Evaluation> {
    const reading = await this.readInputs(em, site);
    return this.build(site, reading, reading.readAt);
  }

  /** What a snapshot is built from, read at one moment: the facts, the other features' numbers and alerts. */
  private async readInputs(em: EntityManager, site: Site): Promise<SnapshotReading> {
    const now = this.clock.now();
    const day = serviceDay(now, site.timezone);
    const settings = indicatorSettings(site.settings);
    const facts = await readSnapshotFacts(
      sqlOn(em),
      site,
      day,
      now,
      (registry, d) => (d === null ? null : registry.departments.get(d)?.waitTargetSec) ?? settings.waitTargetSec,
      settings.windowImbalanceMax,
    );
    const patrol = await this.patrol.values(em, site, now, day);
    const register = await this.register.entries(em, site, now, ROSTER_LOOKBACK_DAYS);
    const sourceAlerts: LiveAlert[] = [];
    for (const source of this.alertSources) sourceAlerts.push(...(await source.alerts(em, site, now)));
    return { readAt: now, day, hour: hourOf(now, site.timezone), facts, patrol, register, sourceAlerts };
  }

  private build(site: Site, r: SnapshotReading, now: Date): Evaluation {
    const settings = indicatorSettings(site.settings);
    const evaluation = buildSnapshot({ site, now, settings, patrol: r.patrol, register: r.register, ...r.facts });
    evaluation.snapshot.alerts.push(...r.sourceAlerts);
    if (r.sourceAlerts.length) evaluation.snapshot.alerts.sort(byUrgency);
    return evaluation;
  }

  /** The snapshot with what it was built from, for a caller that rebuilds it as time passes (`rebuild`). */
  async reading(site: Site): Promise<{ snapshot: IndicatorSnapshot; reading: SnapshotReading }> {
    const runner = this.ds.createQueryRunner();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const reading = await this.readInputs(runner.manager, site);
      await runner.query('COMMIT');
      return { snapshot: this.build(site, reading, reading.readAt).snapshot, reading };
    } catch (err) {
      if (!runner.isReleased) await runner.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** `snapshotWithin` with what the snapshot was built from. */
  async readingWithin(em: EntityManager, site: Site): Promise<{ snapshot: IndicatorSnapshot; reading: SnapshotReading }> {
    await em.query('SAVEPOINT live_snapshot');
    try {
      const reading = await this.readInputs(em, site);
      await em.query('RELEASE SAVEPOINT live_snapshot');
      return { snapshot: this.build(site, reading, reading.readAt).snapshot, reading };
    } catch (err) {
      await em.query('ROLLBACK TO SAVEPOINT live_snapshot');
      throw err;
    }
  }

  /**
   * The snapshot at the clock's now from a reading taken earlier, without the database: what
   * moves with time alone (waits, break overruns, unattended windows, window times, alerts'
   * minutes) is judged afresh from the facts read then. Null when the reading cannot answer for
   * now: another service day or hour (the surge baseline is per hour), or a clock set back.
   */
  rebuild(site: Site, reading: SnapshotReading): IndicatorSnapshot | null {
    const now = this.clock.now();
    if (now < reading.readAt || serviceDay(now, site.timezone) !== reading.day || hourOf(now, site.timezone) !== reading.hour) return null;
    return this.build(site, reading, now).snapshot;
  }

  /** Stores the site's current indicators as the values of the current hall-local hour. */
  async recordHour(site: Site): Promise<number> {
    const snap = await this.snapshot(site);
    return recordSnapshotHour(sqlOn(this.ds.manager), site.id, site.timezone, new Date(snap.asOf), snap);
  }

  /**
   * Records the hour for every site that has events on its current service day, unless another
   * instance took this minute's round; returns how many sites it recorded.
   */
  async recordActiveSites(): Promise<number> {
    if (this.recording) return 0;
    this.recording = true;
    try {
      // A mark ahead of now (a clock set back) does not block the round.
      const taken = await queryRows<HistoryRoundRow>(
        this.ds,
        `INSERT INTO indicator_history_rounds (name, last_at) VALUES ('indicators', $1)
         ON CONFLICT (name) DO UPDATE SET last_at = EXCLUDED.last_at
         WHERE indicator_history_rounds.last_at <= $1::timestamptz - $2::interval OR indicator_history_rounds.last_at > $1::timestamptz
         RETURNING name`,
        [this.clock.now(), `${HISTORY_ROUND_GAP_MS} milliseconds`],
      );
      if (!taken.length) return 0;
      const rows = await queryRows<ActiveSiteRow>(
        this.ds,
        // One index probe per site (LIMIT 1 in a lateral join), in that site's partition of events;
        // as a semi-join the planner would group every stored event of every site instead.
        `SELECT s.id FROM sites s CROSS JOIN LATERAL (
           SELECT 1 FROM events e WHERE e.site_id = s.id AND e.service_day = ($1::timestamptz AT TIME ZONE s.timezone)::date LIMIT 1) today`,
        [this.clock.now()],
      );
      if (!rows.length) return 0;
      const sites = await this.ds.getRepository(Site).findBy({ id: In(rows.map((r) => r.id)) });
      let recorded = 0;
      for (const site of sites) {
        try {
          await this.recordHour(site);
          recorded++;
        } catch (err) {
          this.logger.warn(`indicator history for ${site.code} failed: ${(err as Error).message}`);
        }
      }
      return recorded;
    } catch (err) {
      this.logger.warn(`indicator history round failed: ${(err as Error).message}`);
      return 0;
    } finally {
      this.recording = false;
    }
  }
}
