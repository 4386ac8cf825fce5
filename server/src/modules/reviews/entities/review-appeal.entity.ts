import type { AppealReason, AppealStatus } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A department's appeal (申诉) against a bad review; a supervisor upholds or rejects it. */
@Entity('review_appeals')
@Index('idx_review_appeals_site_status', ['siteId', 'status'])
@Index('idx_review_appeals_review', ['siteId', 'reviewId'])
export class ReviewAppeal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64, name: 'review_id' })
  reviewId!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 16 })
  reason!: AppealReason;

  @Column({ type: 'text' })
  statement!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: AppealStatus;

  @Column({ type: 'timestamptz', name: 'filed_at' })
  filedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'filed_by' })
  filedBy!: string;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote!: string | null;
}
