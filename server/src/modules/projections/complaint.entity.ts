import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('complaints')
@Index('idx_complaints_site_open', ['siteId', 'closedAt'])
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
}
