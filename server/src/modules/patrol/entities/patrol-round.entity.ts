import type { RoundDoubt, RoundState } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// One row per site, day and slot: the unique key is what makes each round exist once,
// however many workers plan the day and however often.
@Entity('patrol_rounds')
@Index('uq_patrol_rounds_slot', ['siteId', 'day', 'slot'], { unique: true })
@Index('uq_patrol_rounds_code', ['siteId', 'code'], { unique: true })
@Index('idx_patrol_rounds_open', ['siteId', 'state'])
export class PatrolRound {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'smallint' })
  slot!: number;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 5 })
  time!: string;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'timestamptz', name: 'overdue_at' })
  overdueAt!: Date;

  @Column({ type: 'timestamptz', name: 'missed_at' })
  missedAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  state!: RoundState;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'started_by', nullable: true })
  startedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'completed_by', nullable: true })
  completedBy!: string | null;

  /** Why a completed round is 存疑 rather than done; null while it is not judged or nothing is wrong. */
  @Column({ type: 'jsonb', nullable: true })
  doubts!: RoundDoubt[] | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
