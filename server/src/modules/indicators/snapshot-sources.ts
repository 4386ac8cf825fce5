import { AlertSource } from './alert-sources';
import { PatrolIndicatorSource } from './patrol-indicators';

/** The patrol feature's numbers in the snapshot (one source). */
export const PATROL_INDICATORS = Symbol('PATROL_INDICATORS');
/** Every other feature's alerts in the snapshot (a list). */
export const ALERT_SOURCES = Symbol('ALERT_SOURCES');

/** What other features add to the wall's snapshot. */
export interface SnapshotSources {
  patrol: PatrolIndicatorSource;
  alerts: readonly AlertSource[];
}
