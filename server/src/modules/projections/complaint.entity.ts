import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('complaints')
@Index('idx_complaints_site_open', ['siteId', 'closedAt'])
@Index('idx_complaints_work_order', ['siteId', 'workOrder'])
export class Complaint {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 24 })
  source!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  staff!: string | null;

  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc!: string | null;

  @Column({ type: 'varchar', length: 24, name: 'phone_masked', nullable: true })
  phoneMasked!: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** The platform's work order number (工单号), when the complaint came as one (docs/contracts/device-events.md). */
  @Column({ type: 'varchar', length: 64, name: 'work_order', nullable: true })
  workOrder!: string | null;

  /** The time limits the order arrived with. */
  @Column({ type: 'timestamptz', name: 'first_sign_by', nullable: true })
  firstSignBy!: Date | null;

  @Column({ type: 'timestamptz', name: 'first_close_by', nullable: true })
  firstCloseBy!: Date | null;

  /** The time limits in force: the latest the platform set (an extension), else those it arrived with. */
  @Column({ type: 'timestamptz', name: 'sign_by', nullable: true })
  signBy!: Date | null;

  @Column({ type: 'timestamptz', name: 'close_by', nullable: true })
  closeBy!: Date | null;

  /** The platform's latest word on the order's state: withdrawn, closed or reopened; null while it said none. */
  @Column({ type: 'varchar', length: 16, name: 'platform_status', nullable: true })
  platformStatus!: string | null;

  /** When the platform last changed the order. */
  @Column({ type: 'timestamptz', name: 'platform_changed_at', nullable: true })
  platformChangedAt!: Date | null;
}
