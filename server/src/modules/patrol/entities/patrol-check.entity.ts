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

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;
}
