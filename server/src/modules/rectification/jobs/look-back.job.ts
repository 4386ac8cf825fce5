// The look-back's two jobs on the rectification queue. A sweep, repeated by a BullMQ job
// scheduler, fans out one check per site with linked items; each check re-reads the site
// and its links, so running one twice only re-observes the same state.

export const LOOK_BACK_SCHEDULER = 'rectification-look-back';
export const LOOK_BACK_SWEEP = 'look-back-sweep';
export const LOOK_BACK_SITE = 'look-back-site';

/** Often enough that a 30-minute live grace is noticed within a few minutes of running out. */
export const LOOK_BACK_EVERY_MS = 5 * 60_000;

export interface LookBackSiteData {
  siteId: string;
}

/** One check per site and sweep interval: a second sweep in the same interval adds nothing. */
export const lookBackSiteJobId = (siteId: string, at: Date): string =>
  `look-back:${siteId}:${Math.floor(at.getTime() / LOOK_BACK_EVERY_MS)}`;

export const JOB_RETENTION = { removeOnComplete: 100, removeOnFail: 500 } as const;
