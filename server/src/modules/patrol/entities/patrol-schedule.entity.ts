import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

// A site's round times. A site walks rounds only once patrol is enabled for it: a village
// station is not expected to patrol four times a day, and rounds it never walks would
// raise a missed-round alert four times a day.
@Entity('patrol_schedules')
export class PatrolSchedule {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Hall-local HH:MM, in order; slot n is times[n-1]. */
  @Column({ type: 'varchar', length: 5, array: true })
  times!: string[];

  /** ISO weekdays (Monday 1) with rounds, unless the calendar says otherwise. */
  @Column({ type: 'smallint', array: true })
  weekdays!: number[];

  /**
   * When patrol was enabled or its times last changed: a round whose time came before that is
   * not owed, so enabling patrol at 15:00 does not raise three missed rounds for the morning.
   */
  @Column({ type: 'timestamptz', name: 'planned_from', default: () => 'now()' })
  plannedFrom!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
