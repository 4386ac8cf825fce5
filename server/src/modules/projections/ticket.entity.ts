import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'unknown'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

// The whole life of one ticket on one service day. Events that come after the row's last
// one carry it on; a late or out-of-order event has it rebuilt from all the ticket's events,
// so that arrival order cannot change it (projections/ticket-life.ts).
@Entity('tickets')
@Index('idx_tickets_site_day_status', ['siteId', 'serviceDay', 'status'])
// The live indicators read the latest services of a department and the last end at a window
// through these, so that neither grows with the number of tickets done today.
@Index('idx_tickets_latest_done', ['siteId', 'serviceDay', 'department', 'endedAt', 'ticket'], { where: `status = 'done'` })
@Index('idx_tickets_window_ended', ['siteId', 'serviceDay', 'window', 'endedAt'], { where: `status IN ('done', 'no_show')` })
export class Ticket {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  ticket!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;

  /** The department whose queue holds the ticket now (the target after a transfer). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'service_item', nullable: true })
  serviceItem!: string | null;

  @Column({ type: 'timestamptz', name: 'issued_at', nullable: true })
  issuedAt!: Date | null;

  /** Start of the current wait: issue, or the last transfer. */
  @Column({ type: 'timestamptz', name: 'wait_from', nullable: true })
  waitFrom!: Date | null;

  @Column({ type: 'timestamptz', name: 'first_called_at', nullable: true })
  firstCalledAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_called_at', nullable: true })
  lastCalledAt!: Date | null;

  @Column({ type: 'int', name: 'call_count', default: 0 })
  callCount!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  staff!: string | null;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;

  @Column({ type: 'int', name: 'transfer_count', default: 0 })
  transferCount!: number;

  /** The number of events the row was built from. */
  @Column({ type: 'int', name: 'event_count', default: 0 })
  eventCount!: number;

  /** The row's latest event in hall order (time, type, id); null on rows written before it was kept. */
  @Column({ type: 'timestamptz', name: 'last_event_at', nullable: true })
  lastEventAt!: Date | null;

  @Column({ type: 'varchar', length: 32, name: 'last_event_type', nullable: true })
  lastEventType!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'last_event_id', nullable: true })
  lastEventId!: string | null;
}
