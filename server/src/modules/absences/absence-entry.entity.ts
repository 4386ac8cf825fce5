import type { AbsenceKind, AbsenceState } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of the outing and leave register (外出报备 / 请销假), docs/contracts/absences.md. */
@Entity('absence_entries')
@Index('idx_absence_entries_site_starts', ['siteId', 'startsAt'])
@Index('idx_absence_entries_site_staff', ['siteId', 'staff'])
export class AbsenceEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** Registry staff code. */
  @Column({ type: 'varchar', length: 64 })
  staff!: string;

  /** The staff member's department when filed: the monthly figures count it there even if they move later. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 24 })
  kind!: AbsenceKind;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: AbsenceState;

  @Column({ type: 'varchar', length: 100, name: 'filed_by' })
  filedBy!: string;

  @Column({ type: 'timestamptz', name: 'filed_at' })
  filedAt!: Date;

  @Column({ type: 'varchar', length: 100, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote!: string | null;

  /** 销假: when the staff member actually came back, if before `endsAt`. */
  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, name: 'returned_by', nullable: true })
  returnedBy!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'cancelled_by', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', name: 'cancel_note', nullable: true })
  cancelNote!: string | null;
}
