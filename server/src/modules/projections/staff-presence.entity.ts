import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PRESENCE_STATES = ['on_post', 'away', 'signed_out'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

// Where a staff member is now. The newest event by occurredAt wins (ties by event id),
// which makes the state independent of arrival order.
@Entity('staff_presence')
export class StaffPresence {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  staff!: string;

  @Column({ type: 'varchar', length: 64 })
  window!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: PresenceState;

  @Column({ type: 'varchar', length: 24, nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  /** Latest sign-in ever seen: roster presence looks back 30 days. */
  @Column({ type: 'timestamptz', name: 'last_signed_in_at', nullable: true })
  lastSignedInAt!: Date | null;
}
