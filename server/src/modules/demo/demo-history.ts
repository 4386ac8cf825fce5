import { HallEvent } from '@hallwatch/shared';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UPKEEP_LOCK_KEY } from '../../core/database/table-upkeep';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { serviceDay } from '../../core/time/service-day';
import { CalendarExceptions, nthWorkingDayAfter } from '../../core/time/working-calendar';
import { addDays, zonedInstant } from '../../core/time/zoned-time';
import { recordAudit } from '../audit/audit-log';
import { readExceptions } from '../calendar/calendar-store';
import { IngestService } from '../ingest/ingest.service';
import { PatrolSchedule } from '../patrol/entities/patrol-schedule.entity';
import { RoundPlanner } from '../patrol/round-planner.service';
import { RoundStepsService } from '../patrol/round-steps.service';
import { Site } from '../registry/site.entity';
import { RollupService } from '../trends/rollup.service';
import { DEMO_SITE } from './demo-hall';
import { ensureDemoPatrol } from './demo-patrol';
import { HallSimulation } from './hall-simulation';
import { registerDay } from './history-register';
import { workDayCases, workDayFindings } from './history-casework';
import { dayVolume, HISTORY_WEEKDAYS, openDays } from './history-days';
import { HistoryCheckpoint, patrolDay } from './history-patrol';

// The demo hall's past: on a database that has no events yet, the days before today played by
// the same simulation as the live day, stored through the ingest service's own transaction
// (validation, event store, projections, follow-up cases, patrol rounds), a day per
// transaction; then the people's work on those days, the rounds' final states and the
// trends' rollups. A leader opening the demo sees a hall with a past, not one day of it.

/** Every event of the history carries it, so that the history can tell its own events from anyone else's. */
export const HISTORY_ID_PREFIX = 'hist-';
/** The audit entry written last: the history is complete. */
export const HISTORY_AUDIT_ACTION = 'demo.history';
const SENDER = 'demo-history';
const PARALLEL_DAYS = 2;
const ROLLUP_MARKS_PER_FLUSH = 10;

export interface DemoHistoryOptions {
  /** Calendar days of history, ending the day before `now` (hall time). */
  days: number;
  now: Date;
  seed?: number;
  /** Scales each day's citizens (1: the demo hall's usual day). */
  volume?: number;
  /** Told after each day is stored: the day, and how many of the open days are stored. */
  progress?: (day: string, done: number, of: number) => void;
  /** Stops after the days under way; the next run picks up where this one stopped. */
  signal?: AbortSignal;
}

export type DemoHistoryResult =
  | {
      written: true;
      /** Calendar days covered, and those the hall opened (written in this run or an interrupted one before it). */
      days: number;
      openDays: number;
      from: string;
      to: string;
      /** Events stored by this run. */
      events: number;
      seconds: number;
    }
  | { written: false; reason: string };

/** Why the history may not be written here, or null when it may: once written, or beside anyone else's events, never. */
export async function historyRefusal(ds: DataSource): Promise<string | null> {
  if (await queryOne(ds, `SELECT 1 AS one FROM audit_log WHERE action = $1 LIMIT 1`, [HISTORY_AUDIT_ACTION]))
    return 'the demo history was written before';
  if (await queryOne(ds, `SELECT 1 AS one FROM events WHERE left(id, $1) <> $2 LIMIT 1`, [HISTORY_ID_PREFIX.length, HISTORY_ID_PREFIX]))
    return 'the database already has events of its own';
  return null;
}

/**
 * Writes the demo hall's history once. Refuses a database that holds any event it did not
 * write itself, and one where it has finished; a run cut short picks up at the first day it
 * had not stored (each day is one transaction, its event ids fixed by the day).
 */
export async function writeDemoHistory(app: INestApplicationContext, o: DemoHistoryOptions): Promise<DemoHistoryResult> {
  const started = performance.now();
  const ds = app.get(DataSource);
  const site = await ds.getRepository(Site).findOneBy({ code: DEMO_SITE.code });
  if (!site) return { written: false, reason: `there is no demo hall (site "${DEMO_SITE.code}")` };
  const refusal = await historyRefusal(ds);
  if (refusal) return { written: false, reason: refusal };

  const today = serviceDay(o.now, site.timezone);
  const from = addDays(today, -o.days);
  const to = addDays(today, -1);
  const calendar = await readExceptions(ds.manager, site.id, addDays(from, -1), addDays(today, 60));
  const days = openDays(today, o.days, calendar);
  await ds.transaction((em) => ensureDemoPatrol(em, o.now));
  const run: Run = { app, ds, site, o, seed: o.seed ?? 1, calendar, today, days, ...(await patrolOf(ds, site)) };

  // The table upkeep (autovacuum's stand-in where that is off) would vacuum the growing tables
  // again and again while the days go in: it is held off until they are in, then finds them at once.
  const upkeep = ds.createQueryRunner();
  await upkeep.connect();
  let events: number;
  try {
    await upkeep.query(`SELECT pg_advisory_lock(${UPKEEP_LOCK_KEY})`);
    events = await writeDays(run);
  } finally {
    await upkeep.query(`SELECT pg_advisory_unlock(${UPKEEP_LOCK_KEY})`).catch(() => undefined);
    await upkeep.release();
  }
  if (o.signal?.aborted) return { written: false, reason: 'stopped before the end; the next run picks it up' };

  // Rounds never walked are missed by now, as the patrol sweep would find them.
  await app.get(RoundStepsService).advanceSite(site.id, o.now);
  // Fresh statistics for the tables just filled: planned as if empty, the rollups' joins take many times longer.
  await ds.query(`ANALYZE tickets, ticket_waits, reviews, complaints, follow_up_cases`);
  // The days' rollup marks, folded as the rollup job folds them: a week or two at a time, so
  // that no statement comes near the time limit on a busy machine.
  const rollups = app.get(RollupService);
  while ((await rollups.flush(ROLLUP_MARKS_PER_FLUSH)).more);
  const seconds = (performance.now() - started) / 1000;
  await ds.transaction((em) =>
    recordAudit(em, {
      action: HISTORY_AUDIT_ACTION,
      actor: 'demo',
      role: null,
      site: site.code,
      target: `site:${site.code}`,
      details: { from, to, days: o.days, openDays: days.length, events, seconds: Math.round(seconds * 10) / 10 },
      at: o.now,
    }),
  );
  return { written: true, days: o.days, openDays: days.length, from, to, events, seconds };
}

interface Run {
  app: INestApplicationContext;
  ds: DataSource;
  site: Site;
  o: DemoHistoryOptions;
  seed: number;
  calendar: CalendarExceptions;
  today: string;
  days: string[];
  schedule: PatrolSchedule | null;
  checkpoints: HistoryCheckpoint[];
}

async function patrolOf(ds: DataSource, site: Site): Promise<Pick<Run, 'schedule' | 'checkpoints'>> {
  const schedule = await ds.getRepository(PatrolSchedule).findOneBy({ siteId: site.id });
  const checkpoints = await queryRows<HistoryCheckpoint>(
    ds,
    `SELECT code, scan_code AS "scanCode" FROM patrol_checkpoints WHERE site_id = $1 AND active ORDER BY position, code`,
    [site.id],
  );
  return { schedule, checkpoints };
}

/** Stores the open days not stored yet, a transaction each, two at a time; returns the events stored. */
async function writeDays(run: Run): Promise<number> {
  const { ds, site, o, seed, days } = run;
  const ingest = run.app.get(IngestService);
  const planner = run.app.get(RoundPlanner);
  let events = 0;
  let done = 0;
  let failure: unknown = null;
  // The platform's later word on an order goes in with the order's own day, as long as it came before today.
  const before = zonedInstant(run.today, '00:00', site.timezone).getTime();
  const workingDayAfter = (day: string, n: number) => nthWorkingDayAfter(day, n, run.calendar, HISTORY_WEEKDAYS);
  const pending = new Set<Promise<void>>();
  for (const day of days) {
    if (failure || o.signal?.aborted) break;
    const prefix = `${HISTORY_ID_PREFIX}${day}-`;
    // Stored by a run cut short: a day is one transaction, so its first event stands for all of it.
    if (await queryOne(ds, `SELECT 1 AS one FROM events WHERE site_id = $1 AND id = $2`, [site.id, `${prefix}000001`])) {
      done++;
      continue;
    }
    const sim = new HallSimulation({ day, seed, mode: 'day', ticketsPerDay: dayVolume(day, seed, o.volume), workingDayAfter });
    const hall = sim.advanceTo(new Date(sim.endMs));
    hall.push(...sim.drainLaterOrderUpdates().filter((e) => Date.parse(e.occurredAt) < before));
    const register = sim.drainRegister();
    for (const e of hall) e.id = HISTORY_ID_PREFIX + e.id;
    const rounds: HallEvent[] = run.schedule?.enabled
      ? patrolDay({ day, times: run.schedule.times, checkpoints: run.checkpoints, timeZone: site.timezone, seed, idPrefix: prefix })
      : [];
    const written: Promise<void> = ds
      .transaction(async (em) => {
        await planner.planPastDay(em, site, day);
        const { results } = await ingest.ingestWithin(em, site, [...hall, ...rounds], 'patrol', o.now, SENDER);
        const refused = results.find((r) => r.status !== 'accepted');
        if (refused) throw new Error(`demo history ${day}: event ${refused.id} was not accepted: ${JSON.stringify(refused)}`);
        const work = { em, site, day, now: o.now, calendar: run.calendar, seed };
        await workDayCases(work);
        await workDayFindings(work);
        await registerDay(em, site, register);
      })
      .then(
        () => {
          events += hall.length + rounds.length;
          o.progress?.(day, ++done, days.length);
        },
        (err: unknown) => void (failure ??= err),
      )
      .finally(() => pending.delete(written));
    pending.add(written);
    // Two days at once: while one day's projections run, the next day's events are checked and
    // stored (they share no rows until the staff presence, where the later day waits its turn).
    if (pending.size >= PARALLEL_DAYS) await Promise.race(pending);
  }
  await Promise.all(pending);
  if (failure) throw failure;
  return events;
}
