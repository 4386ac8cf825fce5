// The notify queue's jobs: one per delivery (its id is the delivery's id) and the sweep.
export const DELIVER_JOB = 'deliver';
export const NOTIFY_SWEEP_JOB = 'notify-sweep';
export const NOTIFY_SWEEP_SCHEDULER = 'notify-sweep';
export const NOTIFY_SWEEP_EVERY_MS = 30_000;

export interface DeliverJobData {
  deliveryId: string;
}

/**
 * Attempts of a delivery; the backoff doubles from NOTIFY_RETRY_BASE_MS (5 s, 10 s, 20 s … about
 * 40 minutes in all), long enough to ride out a short outage of the receiver. Completed jobs are
 * kept a while so that a second add of the same id stays a no-op.
 */
export const DELIVER_ATTEMPTS = 10;
export const DELIVER_JOB_OPTS = {
  attempts: DELIVER_ATTEMPTS,
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
