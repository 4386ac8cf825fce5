import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Every change a platform made to a complaint's work order (complaint.platform_updated), kept
// whole: the complaint row's limits and state are derived from these and the order as it arrived,
// so an update that comes before its order, or two that come out of order, settle the same.
@Entity('complaint_order_updates')
@Index('idx_complaint_order_updates_order', ['siteId', 'workOrder'])
export class ComplaintOrderUpdate {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'varchar', length: 64, name: 'work_order' })
  workOrder!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  /** extended, withdrawn, closed or reopened. */
  @Column({ type: 'varchar', length: 16 })
  change!: string;

  @Column({ type: 'timestamptz', name: 'sign_by', nullable: true })
  signBy!: Date | null;

  @Column({ type: 'timestamptz', name: 'close_by', nullable: true })
  closeBy!: Date | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
