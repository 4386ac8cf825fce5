import { IndicatorId, PatrolRoundMark } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { Site } from '../registry/site.entity';

export const PATROL_INDICATOR_IDS = [
  'patrol.rounds.done',
  'patrol.rounds.due',
  'patrol.rounds.doubtful',
  'patrol.findings.open',
  'notices.overdue',
] as const satisfies readonly IndicatorId[];
export type PatrolIndicatorId = (typeof PATROL_INDICATOR_IDS)[number];
export type PatrolValues = Record<PatrolIndicatorId, number>;

export interface PatrolIndicatorValues {
  /** Today's rounds in time order; none when patrol is off or today has no rounds. */
  rounds: PatrolRoundMark[];
  site: PatrolValues;
  /** Per department code; a department left out reads 0. */
  departments: Record<string, Partial<PatrolValues>>;
}

/**
 * The seam where the patrol module supplies its indicators. It reads through the
 * snapshot's entity manager so that its numbers belong to the same database snapshot as
 * the rest; `day` is the hall-local service day of `now`.
 */
export interface PatrolIndicatorSource {
  values(em: EntityManager, site: Site, now: Date, day: string): Promise<PatrolIndicatorValues>;
}

export const ZERO_PATROL: PatrolValues = {
  'patrol.rounds.done': 0,
  'patrol.rounds.due': 0,
  'patrol.rounds.doubtful': 0,
  'patrol.findings.open': 0,
  'notices.overdue': 0,
};

/** No rounds, findings or notices: for an indicator service built without the snapshot's sources. */
export const NO_PATROL: PatrolIndicatorSource = {
  values: async () => ({ rounds: [], site: { ...ZERO_PATROL }, departments: {} }),
};
