import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ROLLUP_LEVELS = ['site', 'tree', 'all'] as const;
/** `site`: one site's own data; `tree`: a site with every site below it; `all`: the whole deployment. */
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

/** The site id under which the `all` level is stored. */
export const ALL_SITES_ID = '00000000-0000-0000-0000-000000000000';

export const DAILY_DIMS = ['total', 'department', 'window', 'staff', 'channel', 'wait', 'site'] as const;
export type DailyDim = (typeof DAILY_DIMS)[number];

// The rates' numerators and denominators per day and dimension, so that a year of a city
// sums a few thousand rows instead of millions of reviews. Maintained from the raw tables
// (a job re-derives each touched site-day) and rebuilt by `reviews-rollup-rebuild`.
@Entity('review_daily_rollups')
export class ReviewDailyRollup {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  level!: RollupLevel;

  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  dim!: DailyDim;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  /** Department, window, staff or site code, channel, wait bucket; '' for the total. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'int', default: 0 })
  reviews!: number;

  @Column({ type: 'int', default: 0 })
  good!: number;

  @Column({ type: 'int', default: 0 })
  bad!: number;

  @Column({ type: 'int', name: 'rating_sum', default: 0 })
  ratingSum!: number;

  @Column({ type: 'int', default: 0 })
  completed!: number;

  @Column({ type: 'int', name: 'bad_due', default: 0 })
  badDue!: number;

  @Column({ type: 'int', name: 'bad_closed_on_time', default: 0 })
  badClosedOnTime!: number;

  @Column({ type: 'int', name: 'real_name_bad', default: 0 })
  realNameBad!: number;

  @Column({ type: 'int', name: 'callback_due', default: 0 })
  callbackDue!: number;

  @Column({ type: 'int', name: 'callback_done', default: 0 })
  callbackDone!: number;

  @Column({ type: 'int', default: 0 })
  complaints!: number;

  @Column({ type: 'int', name: 'complaints_due', default: 0 })
  complaintsDue!: number;

  @Column({ type: 'int', name: 'complaints_closed_on_time', default: 0 })
  complaintsClosedOnTime!: number;

  @Column({ type: 'int', name: 'wait_count', default: 0 })
  waitCount!: number;

  @Column({ type: 'bigint', name: 'wait_sum_sec', default: 0 })
  waitSumSec!: string;
}
