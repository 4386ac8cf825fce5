import { Column, Entity, PrimaryColumn } from 'typeorm';

// One indicator's value for one hour of one site (department '' for the site level):
// the last snapshot taken in that hour. The key starts with (site, indicator, hour) so
// that both the surge baseline (one indicator at given hours) and trends (one indicator
// over a range of hours) read a contiguous slice of the index.
@Entity('indicator_history')
export class IndicatorHistory {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  indicator!: string;

  /** Start of the hall-local hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour!: Date;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  /** Null where the indicator had no value (a ratio with nothing to divide by). */
  @Column({ type: 'double precision', nullable: true })
  value!: number | null;
}
