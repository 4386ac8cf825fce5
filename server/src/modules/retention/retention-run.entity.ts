import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Each real run of the retention purge (dry runs change nothing and are not kept): what the
// admin screen shows as the last run, and where the archive files it wrote are listed.
@Entity('retention_runs')
@Index('idx_retention_runs_started', ['startedAt'])
export class RetentionRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz', name: 'started_at' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 8 })
  trigger!: string;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'int', default: 0 })
  phones!: number;

  @Column({ type: 'int', default: 0 })
  events!: number;

  @Column({ type: 'int', default: 0 })
  photos!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  files!: string[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
