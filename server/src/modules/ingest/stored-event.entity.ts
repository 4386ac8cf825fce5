import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Every accepted device event, as received (phone numbers masked). The primary key is
// the idempotency key of docs/contracts/device-events.md: one id per site is stored once.
@Entity('events')
@Index('idx_events_site_day_type', ['siteId', 'serviceDay', 'type'])
@Index('idx_events_ticket', ['siteId', 'serviceDay', 'ticket'], { where: 'ticket IS NOT NULL' })
export class StoredEvent {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;

  /** The hall-local date of occurredAt: tickets and indicators reset each service day. */
  @Column({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  /** Ticket code for ticket.* events, so a ticket's life can be re-read cheaply. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ticket!: string | null;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  /** References to windows, staff or departments the registry does not know (item 48). */
  @Column({ type: 'text', array: true, name: 'unknown_refs', default: () => "'{}'" })
  unknownRefs!: string[];
}
