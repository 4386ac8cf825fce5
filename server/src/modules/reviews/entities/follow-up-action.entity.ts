import type { FollowUpActionKind, FollowUpStep } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The case's history: calls made, fixes recorded, reminders and escalations sent. */
@Entity('follow_up_actions')
@Index('idx_follow_up_actions_case', ['caseId', 'at'])
export class FollowUpAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: FollowUpActionKind;

  @Column({ type: 'varchar', length: 8, nullable: true })
  step!: FollowUpStep | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'boolean', nullable: true })
  outcome!: boolean | null;

  /** Jobs' actions carry one (kind, step, deadline), so a job run twice records once. */
  @Index('uq_follow_up_actions_dedupe', { unique: true })
  @Column({ type: 'varchar', length: 120, name: 'dedupe_key', nullable: true })
  dedupeKey!: string | null;
}
