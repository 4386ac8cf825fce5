import type { DigestKind } from '@hallwatch/shared';

// The alert-routing queue's jobs. The sweep repeats every minute (a BullMQ job scheduler): it
// judges the sites nobody watches, releases what quiet hours held, sends the escalations due and
// plans the digests. A digest is a delayed job per occasion, its id the occasion's.

export const ALERT_SWEEP = 'alert-sweep';
export const ALERT_SWEEP_SCHEDULER = 'alert-sweep';
export const ALERT_SWEEP_EVERY_MS = 60_000;

export const DIGEST_JOB = 'alert-digest';
export interface DigestJobData {
  ruleId: string;
  kind: DigestKind;
  from: string;
  to: string;
  at: string;
}

export const JOB_RETENTION = { removeOnComplete: 1000, removeOnFail: 1000 } as const;
