import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One round.check event: a checkpoint judged OK or a finding. A checkpoint may be checked again; the latest counts. */
@Entity('patrol_checks')
@Index('idx_patrol_checks_round', ['roundId', 'occurredAt'])
export class PatrolCheck {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'uuid', name: 'round_id' })
  roundId!: string;

  @Column({ type: 'varchar', length: 64 })
  checkpoint!: string;

  @Column({ type: 'varchar', length: 16 })
  result!: 'ok' | 'finding';

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'window', nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  severity!: 'low' | 'medium' | 'high' | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The code sent with the check, as typed or scanned. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  code!: string | null;

  /** Whether that code was the checkpoint's when the check arrived: an offline check is judged on arrival. */
  @Column({ type: 'boolean', default: false })
  confirmed!: boolean;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;
}
