// The safety net, repeated by a BullMQ job scheduler: queues any case still unscheduled and
// escalates any deadline whose job was lost (Redis flushed, a worker down). Everything it does is
// what the other jobs would have done.

export const FOLLOW_UP_SWEEP = 'follow-up-sweep';
export const FOLLOW_UP_SWEEP_SCHEDULER = 'follow-up-sweep';
export const FOLLOW_UP_SWEEP_EVERY_MS = 5 * 60_000;

export const JOB_RETENTION = { removeOnComplete: 1000, removeOnFail: 1000 } as const;
