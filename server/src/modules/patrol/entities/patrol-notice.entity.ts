import type { NoticeSource, NoticeStatus } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 督查告知书: a finding sent to a department with a deadline; reminded before it, escalated after it. */
@Entity('patrol_notices')
@Index('uq_patrol_notices_client', ['siteId', 'clientId'], { unique: true })
@Index('uq_patrol_notices_finding', ['findingId'], { unique: true })
@Index('idx_patrol_notices_status', ['siteId', 'status'])
@Index('uq_patrol_notices_number', ['siteId', 'numberYear', 'numberSeq'], { unique: true })
export class PatrolNotice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** The id the patrol page chose, so that a resend finds the notice instead of making another. */
  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  findingId!: string;

  /** The department addressed; for a visit's notice, the code of the town centre addressed. */
  @Column({ type: 'varchar', length: 64 })
  department!: string;

  /** What the finding came from: a patrol round ('patrol') or a visit to a town or village ('visit'). */
  @Column({ type: 'varchar', length: 8, default: 'patrol' })
  source!: NoticeSource;

  /** The town centre a visit's notice is addressed to; null for a department's notice. */
  @Column({ type: 'uuid', name: 'addressee_site_id', nullable: true })
  addresseeSiteId!: string | null;

  @Column({ type: 'text', nullable: true })
  text!: string | null;

  @Column({ type: 'timestamptz', name: 'issued_at' })
  issuedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'issued_by' })
  issuedBy!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ type: 'timestamptz', name: 'remind_at' })
  remindAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: NoticeStatus;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @Column({ type: 'timestamptz', name: 'replied_at', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'replied_by', nullable: true })
  repliedBy!: string | null;

  /** 文号 as printed: formatted once, at issue, so a later change of the pattern never renumbers a notice. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  number!: string | null;

  @Column({ type: 'int', name: 'number_year', nullable: true })
  numberYear!: number | null;

  @Column({ type: 'int', name: 'number_seq', nullable: true })
  numberSeq!: number | null;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'accepted_by', nullable: true })
  acceptedBy!: string | null;

  /** Null when the deadline job escalated it. */
  @Column({ type: 'varchar', length: 64, name: 'escalated_by', nullable: true })
  escalatedBy!: string | null;

  @Column({ type: 'text', name: 'escalation_note', nullable: true })
  escalationNote!: string | null;
}
