// The retention purge, repeated by a BullMQ job scheduler that every worker process upserts at
// start (so it is rebuilt after a restart or a Redis flush). A run erases only what is out of its
// period, so running more often than daily costs a few index reads and changes nothing twice.
export const RETENTION_RUN = 'retention-run';
export const RETENTION_SCHEDULER = 'retention-run';
export const RETENTION_EVERY_MS = 6 * 3600_000;
export const RETENTION_JOB_RETENTION = { removeOnComplete: 100, removeOnFail: 100 } as const;
