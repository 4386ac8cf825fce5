import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';
import { PatrolSchedule } from './entities/patrol-schedule.entity';
import { addDays } from '../../core/time/zoned-time';
import { isPatrolDay } from './patrol-calendar';
import { planDay, PlannedRound } from './round-rules';
import { queryCount, queryRows } from '../../core/database/typed-query';
import { IdRow } from './patrol-rows';

export interface PlanResult {
  created: number;
  moved: number;
  removed: number;
}

/**
 * Turns a site's schedule and calendar into round rows. Inserting on the (site, day, slot)
 * key makes planning safe to repeat and to race: however many workers plan a day, each
 * round exists once. A round not yet due follows schedule changes; one that has come due
 * is history and stays as it is.
 */
@Injectable()
export class RoundPlanner {
  constructor(private readonly ds: DataSource) {}

  /** Today and tomorrow, hall time: tomorrow's first round is planned before midnight. */
  async planAhead(site: Site, now: Date): Promise<PlanResult> {
    const today = serviceDay(now, site.timezone);
    const total: PlanResult = { created: 0, moved: 0, removed: 0 };
    for (const day of [today, addDays(today, 1)]) {
      const r = await this.planDay(site, day, now);
      total.created += r.created;
      total.moved += r.moved;
      total.removed += r.removed;
    }
    return total;
  }

  async wantedRounds(em: EntityManager, site: Site, day: string): Promise<PlannedRound[]> {
    const schedule = await em.findOneBy(PatrolSchedule, { siteId: site.id });
    if (!schedule?.enabled) return [];
    if (!(await isPatrolDay(em, schedule, day))) return [];
    return planDay(day, schedule.times, site.timezone).filter((r) => r.dueAt >= schedule.plannedFrom);
  }

  /**
   * The rounds a past working day had by the schedule's times, whatever its plannedFrom says:
   * for history written after the fact (the demo hall's past days), inside the caller's
   * transaction. Returns the rounds created; planning a day twice creates none.
   */
  async planPastDay(em: EntityManager, site: Site, day: string): Promise<number> {
    const schedule = await em.findOneBy(PatrolSchedule, { siteId: site.id });
    if (!schedule?.enabled || !(await isPatrolDay(em, schedule, day))) return 0;
    return (await insertRounds(em, site, day, planDay(day, schedule.times, site.timezone))).length;
  }

  async planDay(site: Site, day: string, now: Date): Promise<PlanResult> {
    return this.ds.transaction(async (em) => {
      const wanted = await this.wantedRounds(em, site, day);
      const created = await insertRounds(em, site, day, wanted);
      // Only rounds nobody has touched and whose time has not come may move or go.
      const untouched = `r.site_id = $1 AND r.day = $2 AND r.state = 'scheduled' AND r.started_at IS NULL AND r.completed_at IS NULL
        AND r.due_at > $3 AND NOT EXISTS (SELECT 1 FROM patrol_checks c WHERE c.round_id = r.id)`;
      const moved = await queryCount(
        em,
        `UPDATE patrol_rounds r SET time = w.time, due_at = w.due_at, overdue_at = w.overdue_at, missed_at = w.missed_at, updated_at = now()
         FROM unnest($4::smallint[], $5::varchar[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[]) AS w(slot, time, due_at, overdue_at, missed_at)
         WHERE ${untouched} AND r.slot = w.slot AND r.due_at <> w.due_at AND w.due_at > $3`,
        [
          site.id,
          day,
          now,
          wanted.map((w) => w.slot),
          wanted.map((w) => w.time),
          wanted.map((w) => w.dueAt),
          wanted.map((w) => w.overdueAt),
          wanted.map((w) => w.missedAt),
        ],
      );
      const removed = await queryCount(em, `DELETE FROM patrol_rounds r WHERE ${untouched} AND NOT (r.slot = ANY($4::smallint[]))`, [
        site.id,
        day,
        now,
        wanted.map((w) => w.slot),
      ]);
      return { created: created.length, moved, removed };
    });
  }
}

/** Each round once: the (site, day, slot) key makes a repeat or a race create nothing. */
async function insertRounds(em: EntityManager, site: Site, day: string, wanted: PlannedRound[]): Promise<IdRow[]> {
  if (!wanted.length) return [];
  return queryRows<IdRow>(
    em,
    `INSERT INTO patrol_rounds (site_id, day, slot, code, time, due_at, overdue_at, missed_at, state)
     SELECT $1::uuid, $2::date, *, 'scheduled' FROM unnest($3::smallint[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
     ON CONFLICT (site_id, day, slot) DO NOTHING RETURNING id`,
    [
      site.id,
      day,
      wanted.map((w) => w.slot),
      wanted.map((w) => w.code),
      wanted.map((w) => w.time),
      wanted.map((w) => w.dueAt),
      wanted.map((w) => w.overdueAt),
      wanted.map((w) => w.missedAt),
    ],
  );
}
