import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// One wait of a ticket in one department's queue: a transferred ticket has two.
@Entity('ticket_waits')
@Index('idx_ticket_waits_site_day_dept', ['siteId', 'serviceDay', 'department'])
export class TicketWait {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  ticket!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'timestamptz', name: 'wait_from' })
  waitFrom!: Date;

  @Column({ type: 'timestamptz', name: 'called_at', nullable: true })
  calledAt!: Date | null;

  /** Ended without a call: the ticket was transferred on, or given up. */
  @Column({ type: 'boolean', default: false })
  abandoned!: boolean;
}
