import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Who did what, when and from where, for the follow-up work: appeals filed and decided,
// phone numbers revealed, calendar edits, calls logged. Accounts will name the person;
// until then the actor is 'admin-token'.
@Entity('review_audit_log')
@Index('idx_review_audit_site_at', ['siteId', 'at'])
export class ReviewAuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'uuid', name: 'site_id', nullable: true })
  siteId!: string | null;

  /** e.g. "appeal:<id>", "follow-up:<id>", "calendar:2024-10-01". */
  @Column({ type: 'varchar', length: 120 })
  subject!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent!: string | null;
}
