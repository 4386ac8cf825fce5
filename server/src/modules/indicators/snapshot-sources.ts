import { AbsenceRegisterSource } from './absence-register';
import { AlertSource } from './alert-sources';
import { PatrolIndicatorSource } from './patrol-indicators';

/** The patrol feature's numbers in the snapshot (one source). */
export const PATROL_INDICATORS = Symbol('PATROL_INDICATORS');
/** The approved entries of the outing and leave register (one source). */
export const ABSENCE_REGISTER = Symbol('ABSENCE_REGISTER');
/** Every other feature's alerts in the snapshot (a list). */
export const ALERT_SOURCES = Symbol('ALERT_SOURCES');

/** What other features add to the wall's snapshot. */
export interface SnapshotSources {
  patrol: PatrolIndicatorSource;
  register: AbsenceRegisterSource;
  alerts: readonly AlertSource[];
}
