import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A problem a visit found: a failed point or one the visitor wrote down. Its state is its
 * notice's (patrol_notices, source 'visit'), so it is never kept twice.
 */
@Entity('visit_findings')
@Index('idx_visit_findings_visit', ['visitId'])
export class VisitFinding {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'visit_id' })
  visitId!: string;

  /** The failed checklist point; null for a finding beyond the checklist. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  point!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;
}
