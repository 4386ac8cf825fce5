import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Points a department loses in its monthly assessment for a confirmed violation (e.g. 受审分离, item 19). */
@Entity('patrol_deductions')
@Index('uq_patrol_deductions_finding', ['findingId'], { unique: true })
@Index('idx_patrol_deductions_month', ['siteId', 'month'])
export class PatrolDeduction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  /** Hall-local YYYY-MM of the finding. */
  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  points!: number;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'int', array: true, default: () => "'{}'" })
  items!: number[];

  @Column({ type: 'timestamptz', name: 'confirmed_at' })
  confirmedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'confirmed_by' })
  confirmedBy!: string;
}
