import type { FindingStatus } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A problem a round found; open until it is resolved on the spot or its notice is answered. */
@Entity('patrol_findings')
@Index('uq_patrol_findings_check', ['siteId', 'checkEventId'], { unique: true })
@Index('idx_patrol_findings_status', ['siteId', 'status'])
export class PatrolFinding {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64, name: 'check_event_id' })
  checkEventId!: string;

  @Column({ type: 'uuid', name: 'round_id' })
  roundId!: string;

  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'varchar', length: 64 })
  checkpoint!: string;

  /** The checkpoint's rectification items when the finding was made. */
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  items!: number[];

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

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: FindingStatus;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'resolved_by', nullable: true })
  resolvedBy!: string | null;
}
