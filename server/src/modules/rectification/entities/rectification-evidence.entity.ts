import type { EvidenceSource } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RectificationItem } from './rectification-item.entity';

// A dated record for an item without live data (a training held, a meeting minuted). The
// attachment lives in the database so that a backup of it is a backup of the ledger; its
// size is capped when uploaded.
@Entity('rectification_evidence')
@Index('idx_rectification_evidence_item', ['itemId', 'date'])
export class RectificationEvidence {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @ManyToOne(() => RectificationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: RectificationItem;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  text!: string;

  /** A dated measure read from the report at import is kept apart from what the office adds: a re-import replaces only its own. */
  @Column({ type: 'varchar', length: 8, default: 'office' })
  source!: EvidenceSource;

  @Column({ type: 'int', name: 'source_line', nullable: true })
  sourceLine!: number | null;

  @Column({ type: 'text', name: 'attachment_name', nullable: true })
  attachmentName!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'attachment_type', nullable: true })
  attachmentType!: string | null;

  @Column({ type: 'int', name: 'attachment_size', nullable: true })
  attachmentSize!: number | null;

  /** Read only when downloaded: lists never carry the bytes. */
  @Column({ type: 'bytea', nullable: true, select: false })
  attachment!: Buffer | null;

  @Column({ type: 'varchar', length: 64, name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
