import { Job } from 'bullmq';

/**
 * When BullMQ will run a delayed job, from the job's public fields rather than the delayed
 * set's internal score. A delay counts from when the job last went to the delayed set: its
 * creation, or — after it ran once and was put back (too early by the Clock, or a retry) —
 * the start of that run, which is within the run's few milliseconds of the real moment.
 */
export function delayedFireTime(job: Pick<Job, 'timestamp' | 'processedOn' | 'delay'>): number {
  return (job.processedOn ?? job.timestamp) + job.delay;
}
