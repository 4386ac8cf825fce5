import { Column, Entity, PrimaryColumn } from 'typeorm';

// Today's counters of one department (department '' for tickets without one), kept by
// database triggers on tickets and reviews from each statement's old and new rows, so
// that reading them costs the same at the day's first event and at its millionth. Who
// waits now is read from the waiting tickets themselves: they are the queue.
@Entity('live_day_counts')
export class LiveDayCount {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'int', default: 0 })
  served!: number;

  /** Tickets called at least once. */
  @Column({ type: 'int', default: 0 })
  called!: number;

  /** No-shows after at least one call (the last call went unanswered). */
  @Column({ type: 'int', name: 'no_show', default: 0 })
  noShow!: number;

  /** Ratings that count (an upheld appeal takes one out). */
  @Column({ type: 'int', default: 0 })
  reviews!: number;

  @Column({ type: 'int', default: 0 })
  good!: number;
}
