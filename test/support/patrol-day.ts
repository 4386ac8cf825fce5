import fc from 'fast-check';
import { localMidnight, RawEvent } from './hall-day';

// Random patrol rounds for the indicator property test: rounds walked properly, early, late,
// too fast, with a checkpoint skipped or typed wrong, with a check dated outside the walk, left
// unfinished, or never walked; a checkpoint's code perhaps rotated while a phone was offline.
// Only the plan is random: the codes are the server's, read when the events are built.

/**
 * The site's round times for the property test, hall time: close together in the morning, where
 * most generated days take their snapshot, so that rounds are seen in every state.
 */
export const PROP_ROUND_TIMES = ['08:30', '09:00', '09:40', '13:00'] as const;
export const CHECKPOINT_COUNT = 8;

/** Now and then: most rounds are walked as they should be, so that done rounds are common too. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const walkArb = fc.record({
  walked: fc.constantFrom(true, true, true, false),
  /** Start, in minutes after the round's time: the window opens 5 to 30 minutes before it and closes 30 after. */
  startMin: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -4, max: 25 }) },
    { weight: 1, arbitrary: fc.integer({ min: -40, max: 45 }) },
  ),
  startSec: fc.integer({ min: 0, max: 59 }),
  /** Between two steps of the walk (nine in all): 5 s is under any minimum, 90 s over any. */
  stepSec: fc.constantFrom(5, 40, 60, 60, 90),
  /** A checkpoint never confirmed (a partial round). */
  skip: rarely(fc.integer({ min: 0, max: CHECKPOINT_COUNT - 1 })),
  /** A checkpoint confirmed with a wrong code: a made-up one, or its other sheet's (old after a rotation, new before). */
  wrong: rarely(fc.record({ at: fc.integer({ min: 0, max: CHECKPOINT_COUNT - 1 }), stale: fc.boolean() })),
  /** A further check dated a minute before the start or after the completion. */
  stray: rarely(fc.constantFrom('before', 'after')),
  /** Partial rounds are never completed. */
  complete: fc.constantFrom(true, true, true, false),
  /** The first checkpoint scanned twice, under two ids. */
  rescan: fc.boolean(),
});

export const patrolDayArb = fc.record({
  leadMin: fc.constantFrom(undefined, 5, 30),
  minDurationSec: fc.constantFrom(undefined, 60, 600),
  walks: fc.array(walkArb, { minLength: PROP_ROUND_TIMES.length, maxLength: PROP_ROUND_TIMES.length }),
  /** A checkpoint's code rotated at this many minutes after the hall's midnight (skipped when that is after "now"). */
  rotation: fc.option(
    fc.record({ checkpoint: fc.integer({ min: 0, max: CHECKPOINT_COUNT - 1 }), atMin: fc.integer({ min: 510, max: 660 }) }),
    {
      nil: null,
      freq: 2,
    },
  ),
  /** Resends and order of the phone's events, as for the devices'. */
  duplicates: fc.array(fc.nat(), { maxLength: 6 }),
  order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  batches: fc.integer({ min: 1, max: 3 }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
export type PatrolDay = ValueOf<typeof patrolDayArb>;

export const roundDue = (testDay: string, time: string) =>
  localMidnight(testDay) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3))) * 60_000;

/** Which code a planned check carries: the one posted at its time, the checkpoint's other one, or a made-up one. */
type CodeKind = 'posted' | 'other' | 'made-up';
export interface PlannedCheck {
  round: string;
  checkpoint: string;
  at: number;
  code: CodeKind;
  id: string;
}

/** The code history of one checkpoint: the first code, and the new one from the rotation on. */
export interface CheckpointCodes {
  first: string;
  rotated: { code: string; at: number } | null;
}

/**
 * The round.* events of the day, as the phone would send them, up to `nowMs` (later steps have not
 * happened yet). The checks are left as plans: their codes resolve with `checkEvent` once the
 * server's codes (and a rotated one) are known.
 */
export function roundEvents(p: PatrolDay, testDay: string, checkpoints: string[], nowMs: number) {
  const events: Array<RawEvent | PlannedCheck> = [];
  PROP_ROUND_TIMES.forEach((time, i) => {
    const w = p.walks[i];
    if (!w.walked) return;
    const round = `${testDay}-${i + 1}`;
    const start = roundDue(testDay, time) + w.startMin * 60_000 + w.startSec * 1000;
    const step = w.stepSec * 1000;
    const ev = (type: string, at: number, id: string): RawEvent => ({
      id,
      type,
      occurredAt: new Date(at).toISOString(),
      data: { round, patroller: 'p' },
    });
    events.push(ev('round.started', start, `${round}-start`));
    checkpoints.forEach((checkpoint, k) => {
      if (k === w.skip) return;
      const code: CodeKind = w.wrong?.at === k ? (w.wrong.stale ? 'other' : 'made-up') : 'posted';
      events.push({ round, checkpoint, at: start + (k + 1) * step, code, id: `${round}-check-${k}` });
      if (k === 0 && w.rescan) events.push({ round, checkpoint, at: start + (k + 1) * step + 2000, code, id: `${round}-rescan` });
    });
    const end = start + (checkpoints.length + 1) * step;
    if (w.complete) events.push(ev('round.completed', end, `${round}-done`));
    if (w.stray === 'before') events.push({ round, checkpoint: checkpoints[1], at: start - 60_000, code: 'posted', id: `${round}-stray` });
    if (w.stray === 'after' && w.complete)
      events.push({ round, checkpoint: checkpoints[2], at: end + 60_000, code: 'posted', id: `${round}-stray` });
  });
  return events.filter((e) => ('at' in e ? e.at : Date.parse(e.occurredAt)) <= nowMs);
}

const MADE_UP = 'ZZZZ2222';

/** A planned check as the event the phone sends, its code resolved against the checkpoint's history. */
export function checkEvent(c: PlannedCheck, history: CheckpointCodes): RawEvent {
  const rotatedBefore = history.rotated !== null && c.at >= history.rotated.at;
  const posted = rotatedBefore ? history.rotated!.code : history.first;
  const other = history.rotated === null ? MADE_UP : rotatedBefore ? history.first : history.rotated.code;
  const code = c.code === 'posted' ? posted : c.code === 'other' ? other : MADE_UP;
  return {
    id: c.id,
    type: 'round.check',
    occurredAt: new Date(c.at).toISOString(),
    data: { round: c.round, checkpoint: c.checkpoint, result: 'ok', code },
  };
}
