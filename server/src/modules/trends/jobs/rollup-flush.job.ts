// Folds the rollup marks written with ingest batches and follow-up changes into the rollups.
// Kicks within one interval share a job id, so a busy hall queues one flush per interval.

export const ROLLUP_FLUSH = 'rollup-flush';
export const ROLLUP_FLUSH_EVERY_MS = 5_000;

export type RollupFlushData = Record<string, never>;

export const rollupFlushJobId = (at: number): string => `rollup-flush.${Math.floor(at / ROLLUP_FLUSH_EVERY_MS)}`;

/** Runs just after its interval ends, so every kick of the interval was committed before it starts. */
export const rollupFlushDelay = (at: number): number => (Math.floor(at / ROLLUP_FLUSH_EVERY_MS) + 1) * ROLLUP_FLUSH_EVERY_MS - at + 50;

/**
 * A flush re-derives whole days, so its cost grows with the day's volume. After each flush the
 * next waits this many times as long as it took, which bounds the rollups to about 2% of a core
 * and their share of each event's cost to a constant, whatever the day holds: a typical hall's
 * flush takes milliseconds and still runs every interval; a million-event day's trends lag by
 * half a minute instead of the rollups eating the machine.
 */
export const ROLLUP_FLUSH_SPACING = 50;

// The safety net, repeated by a BullMQ job scheduler: folds any marks whose kick was lost
// (Redis down when it was queued, a process without the queue such as the CLI).
export const ROLLUP_SWEEP = 'rollup-sweep';
export const ROLLUP_SWEEP_SCHEDULER = 'rollup-sweep';
export const ROLLUP_SWEEP_EVERY_MS = 5 * 60_000;

export const ROLLUP_JOB_RETENTION = { removeOnComplete: 1000, removeOnFail: 1000 } as const;
