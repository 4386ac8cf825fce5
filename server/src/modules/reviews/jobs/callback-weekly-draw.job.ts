// 回访核实's weekly minimum (CallbackWeeklyDrawService), repeated by a BullMQ job scheduler: one
// job per interval however many processes upsert the scheduler, and a run repeated or raced by
// another process draws nothing twice (the draw is decided in PostgreSQL).

export const CALLBACK_WEEKLY_DRAW = 'callback-weekly-draw';
export const CALLBACK_WEEKLY_DRAW_SCHEDULER = 'callback-weekly-draw';
/** Hourly, so that each site's week is drawn within the hour after it ends in the site's own time zone. */
export const CALLBACK_WEEKLY_DRAW_EVERY_MS = 3_600_000;
