import type { VisitKind, VisitState } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A planned field (实地督导) or mystery (暗访) visit of the district office to a town centre or village station. */
@Entity('visits')
@Index('idx_visits_office_day', ['officeSiteId', 'plannedOn'])
@Index('idx_visits_site_day', ['siteId', 'plannedOn'])
export class Visit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The district hall whose office planned it and numbers its notices. */
  @Column({ type: 'uuid', name: 'office_site_id' })
  officeSiteId!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** The town centre that answers for the visited site (itself, or a village's town). */
  @Column({ type: 'uuid', name: 'town_site_id' })
  townSiteId!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: VisitKind;

  @Column({ type: 'date', name: 'planned_on' })
  plannedOn!: string;

  @Column({ type: 'varchar', length: 64 })
  assignee!: string;

  @Column({ type: 'varchar', length: 64, name: 'planned_by' })
  plannedBy!: string;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  state!: VisitState;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'started_by', nullable: true })
  startedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'finished_by', nullable: true })
  finishedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** A mystery visit's wait as a citizen, in minutes. */
  @Column({ type: 'int', name: 'waited_min', nullable: true })
  waitedMin!: number | null;

  @Column({ type: 'boolean', name: 'served_correctly', nullable: true })
  servedCorrectly!: boolean | null;

  @Column({ type: 'text', nullable: true })
  experience!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
