// The monthly report's schedule on the reports queue: an hourly sweep writes last month's
// report for every hall that has none yet. On the 1st that is the month just ended; a server
// that was down then writes it at its first sweep after, and a second sweep finds it stored.

export const MONTHLY_SCHEDULER = 'reports-monthly';
export const MONTHLY_SWEEP = 'monthly-sweep';
export const MONTHLY_EVERY_MS = 60 * 60_000;
export const JOB_RETENTION = { removeOnComplete: 50, removeOnFail: 200 } as const;
