import type { ClosureDisproved, FollowUpKind, FollowUpStatus } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const OPEN_STATUSES = `status IN ('awaiting_contact', 'in_progress', 'awaiting_confirmation')`;

// One follow-up per bad review or complaint, owned by the department that served. Opened in
// the ingest transaction, so a stored bad review without its case cannot exist.
@Entity('follow_up_cases')
@Index('uq_follow_up_cases_source', ['siteId', 'kind', 'sourceId'], { unique: true })
@Index('idx_follow_up_cases_site_status', ['siteId', 'status'])
// The sweep looks for open cases past a deadline across every site.
@Index('idx_follow_up_cases_status_due', ['status', 'resolveDueAt'])
@Index('idx_follow_up_cases_scheduled', ['scheduledAt'])
// The wall's follow-up alerts read only the open cases due by the end of today (overdue ones included).
@Index('idx_follow_up_cases_open_contact_due', ['siteId', 'contactDueAt'], { where: OPEN_STATUSES })
@Index('idx_follow_up_cases_open_resolve_due', ['siteId', 'resolveDueAt'], { where: OPEN_STATUSES })
export class FollowUpCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: FollowUpKind;

  /** The review's or complaint's event id. */
  @Column({ type: 'varchar', length: 64, name: 'source_id' })
  sourceId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  staff!: string | null;

  @Column({ type: 'boolean', name: 'real_name', default: false })
  realName!: boolean;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'varchar', length: 24 })
  status!: FollowUpStatus;

  @Column({ type: 'timestamptz', name: 'contact_due_at' })
  contactDueAt!: Date;

  @Column({ type: 'timestamptz', name: 'resolve_due_at' })
  resolveDueAt!: Date;

  @Column({ type: 'timestamptz', name: 'first_contact_at', nullable: true })
  firstContactAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  /** Set by the confirming call, or by an upheld appeal (status withdrawn). */
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  /** When the escalation job found the first contact missing at its deadline. */
  @Column({ type: 'timestamptz', name: 'contact_overdue_at', nullable: true })
  contactOverdueAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'resolve_overdue_at', nullable: true })
  resolveOverdueAt!: Date | null;

  /** Set when a second callback did not confirm the closure and reopened the case; its deadlines then count from here. */
  @Column({ type: 'timestamptz', name: 'reopened_at', nullable: true })
  reopenedAt!: Date | null;

  /**
   * What a second callback found of a closure it did not confirm; kept once the case closes
   * again, so the case never counts as closed on time (not_contacted outranks contacted_not_solved).
   */
  @Column({ type: 'varchar', length: 24, nullable: true })
  disproved!: ClosureDisproved | null;

  /** The latest 退单: when the desk sent the complaint's work order back to its platform, who, and why. */
  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'returned_by', nullable: true })
  returnedBy!: string | null;

  @Column({ type: 'text', name: 'return_reason', nullable: true })
  returnReason!: string | null;

  /**
   * Set while the case is closed (or withdrawn) because its platform closed (or withdrew) the work
   * order; a later reopening (重办) by the platform opens only such a case again.
   */
  @Column({ type: 'timestamptz', name: 'platform_closed_at', nullable: true })
  platformClosedAt!: Date | null;

  /** Null while the deadline jobs for the current deadlines are still to be queued (an outbox). */
  @Column({ type: 'timestamptz', name: 'scheduled_at', nullable: true })
  scheduledAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
