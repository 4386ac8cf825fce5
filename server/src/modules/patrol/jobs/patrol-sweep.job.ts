// The safety net behind the per-step jobs, repeated by a BullMQ job scheduler: plans the
// coming rounds, catches up on steps whose job was lost, and puts missing jobs back.
export const PATROL_SWEEP_JOB = 'patrol-sweep';
export const PATROL_SWEEP_SCHEDULER = 'patrol-sweep';
export const PATROL_SWEEP_EVERY_MS = 60_000;

export type PatrolSweepJobData = Record<string, never>;

/** The instant a step job was made for: the last part of its id. */
export function jobInstant(jobId: string | undefined): number | null {
  const last = jobId?.split('.').pop();
  const ms = last ? Number(last) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

// Kept a while after completion so that a second add of the same id stays a no-op.
export const PATROL_JOB_OPTS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 2 * 24 * 3600, count: 20_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
