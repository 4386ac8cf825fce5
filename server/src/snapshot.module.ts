import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from './core/time/clock';
import { IndicatorsService } from './modules/indicators/indicators.service';
import { ABSENCE_REGISTER, ALERT_SOURCES, PATROL_INDICATORS, SnapshotSources } from './modules/indicators/snapshot-sources';
import { ABSENCE_REGISTER_SOURCE } from './modules/absences/absence-register-source';
import { CHANNEL_ALERTS } from './modules/notify/channel-alerts';
import { PATROL_ALERTS, PATROL_INDICATOR_SOURCE } from './modules/patrol/patrol-source';
import { REBOUND_ALERTS } from './modules/rectification/rebound-alerts';
import { BAD_REVIEW_ALERTS } from './modules/reviews/bad-review-alerts';
import { FOLLOW_UP_ALERTS } from './modules/reviews/follow-up-alerts';

/**
 * The one set of sources of the wall's snapshot. The server pushes it, the worker's look-back
 * judges it and the CLI's look-back and ledger read it: all three must build the same snapshot,
 * or an item would be judged on numbers or alerts the wall does not show.
 */
export const SNAPSHOT_SOURCES: SnapshotSources = {
  patrol: PATROL_INDICATOR_SOURCE,
  register: ABSENCE_REGISTER_SOURCE,
  alerts: [PATROL_ALERTS, REBOUND_ALERTS, FOLLOW_UP_ALERTS, BAD_REVIEW_ALERTS, CHANNEL_ALERTS],
};

/** The indicator service with every source, for the server and the worker. */
@Global()
@Module({
  providers: [
    { provide: PATROL_INDICATORS, useValue: SNAPSHOT_SOURCES.patrol },
    { provide: ALERT_SOURCES, useValue: SNAPSHOT_SOURCES.alerts },
    { provide: ABSENCE_REGISTER, useValue: SNAPSHOT_SOURCES.register },
    IndicatorsService,
  ],
  exports: [IndicatorsService],
})
export class SnapshotModule {}

/** The same service for the CLI, which runs without Nest. */
export function snapshotIndicators(ds: DataSource, clock: Clock): IndicatorsService {
  return new IndicatorsService(ds, clock, SNAPSHOT_SOURCES.patrol, SNAPSHOT_SOURCES.alerts, SNAPSHOT_SOURCES.register);
}
