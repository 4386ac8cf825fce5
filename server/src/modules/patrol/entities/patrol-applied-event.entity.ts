import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A round.* event already projected into the patrol tables: the claim that makes projection happen once. */
@Entity('patrol_applied_events')
export class PatrolAppliedEvent {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'timestamptz', name: 'applied_at', default: () => 'now()' })
  appliedAt!: Date;
}
