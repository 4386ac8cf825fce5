import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RollupLevel } from './review-daily-rollup.entity';

// Per hall-local hour, for the weekday × hour heatmap of waiting and of bad reviews.
@Entity('review_hourly_rollups')
export class ReviewHourlyRollup {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  level!: RollupLevel;

  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** '' for every department together. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'smallint' })
  hour!: number;

  @Column({ type: 'int', default: 0 })
  reviews!: number;

  @Column({ type: 'int', default: 0 })
  bad!: number;

  @Column({ type: 'int', name: 'wait_count', default: 0 })
  waitCount!: number;

  @Column({ type: 'bigint', name: 'wait_sum_sec', default: 0 })
  waitSumSec!: string;
}
