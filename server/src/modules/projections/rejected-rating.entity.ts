import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A rating refused because its visit was already rated (docs/contracts/reviews.md). Kept for
 * the record of who tried what and when; no rate, follow-up or trend ever reads this table.
 */
@Entity('rejected_ratings')
@Index('idx_rejected_ratings_site_day', ['siteId', 'serviceDay'])
export class RejectedRating {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'varchar', length: 32 })
  reason!: string;

  /** The event field that names the visit: data.ticket or data.phone. */
  @Column({ type: 'varchar', length: 32 })
  field!: string;

  @Column({ type: 'text' })
  visit!: string;

  /** The rating of the same visit that counts. */
  @Column({ type: 'varchar', length: 64, name: 'counted_event_id', nullable: true })
  countedEventId!: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @Column({ type: 'smallint' })
  rating!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ticket!: string | null;

  /** Who delivered it: `device-key:<id>`, `patrol`, or `migration` for ratings settled afterwards. */
  @Column({ type: 'varchar', length: 80, name: 'sent_by' })
  sentBy!: string;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;
}
