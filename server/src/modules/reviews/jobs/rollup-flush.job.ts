// Folds the rollup marks written by ingest and by follow-up changes into the rollups.
// Kicks within one interval share a job id, so a busy hall queues one flush per interval.

export const ROLLUP_FLUSH = 'rollup-flush';
export const ROLLUP_FLUSH_EVERY_MS = 5_000;

export type RollupFlushData = Record<string, never>;

export const rollupFlushJobId = (at: number): string => `rollup-flush.${Math.floor(at / ROLLUP_FLUSH_EVERY_MS)}`;

/** Runs just after its interval ends, so every kick of the interval was committed before it starts. */
export const rollupFlushDelay = (at: number): number => (Math.floor(at / ROLLUP_FLUSH_EVERY_MS) + 1) * ROLLUP_FLUSH_EVERY_MS - at + 50;
