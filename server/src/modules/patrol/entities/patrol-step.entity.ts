import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// What the scheduler did and when: a round fell due, went overdue, was missed; a notice was
// reminded or escalated. The unique key records each step once, whichever worker got there.
@Entity('patrol_steps')
@Index('uq_patrol_steps', ['subject', 'subjectId', 'step'], { unique: true })
export class PatrolStep {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** 'round' or 'notice'. */
  @Column({ type: 'varchar', length: 16 })
  subject!: string;

  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  step!: string;

  /** When the step was due. */
  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  /** When a worker recorded it, by the application clock. */
  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;
}
