import type { CallbackAnswer, CallbackDrawReason } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// 回访核实: one row per closure of a follow-up, drawn for a second callback or not. Every
// closure is kept with its draw value and the share in force, so that the draw can be checked
// afterwards: a closure is drawn at random exactly when its value is below the share.
@Entity('callback_checks')
@Index('uq_callback_checks_closure', ['caseId', 'closedAt'], { unique: true })
// The weekly minimum reads a site's closures of a week by handler.
@Index('idx_callback_checks_site_closed', ['siteId', 'closedAt'])
// The snapshot, the desk and the monthly figures read the closures drawn in a month.
@Index('idx_callback_checks_site_drawn', ['siteId', 'drawnDay'], { where: 'drawn_at IS NOT NULL' })
export class CallbackCheck {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  /** The department that owned the case when it closed: a closure found untrue counts against it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  /** Who closed the case (the confirming call's account): never the one to verify it. */
  @Column({ type: 'varchar', length: 64 })
  handler!: string;

  @Column({ type: 'timestamptz', name: 'closed_at' })
  closedAt!: Date;

  /** In [0, 1): a keyed digest of the case and the closing instant (docs/contracts/reviews.md). */
  @Column({ type: 'double precision', name: 'draw_value' })
  drawValue!: number;

  /** The site's callbackSampleShare when the case closed. */
  @Column({ type: 'double precision' })
  share!: number;

  @Column({ type: 'timestamptz', name: 'drawn_at', nullable: true })
  drawnAt!: Date | null;

  /** The hall-local day of drawn_at: the month the draw counts in. */
  @Column({ type: 'date', name: 'drawn_day', nullable: true })
  drawnDay!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  reason!: CallbackDrawReason | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  answer!: CallbackAnswer | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', name: 'called_at', nullable: true })
  calledAt!: Date | null;

  @Column({ type: 'varchar', length: 64, name: 'verified_by', nullable: true })
  verifiedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;
}
