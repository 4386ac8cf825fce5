import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RectificationItem } from './rectification-item.entity';

// Every change to an item, field by field: who, when, from what to what. Imports, admins
// and the look-back all write here, so the ledger can show how an item got to its state.
@Entity('rectification_history')
@Index('idx_rectification_history_item', ['itemId', 'at'])
export class RectificationHistory {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @ManyToOne(() => RectificationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: RectificationItem;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** 'cli', 'admin-token', 'import' or 'look-back' until accounts name the person. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  field!: string;

  @Column({ type: 'text', name: 'old_value', nullable: true })
  oldValue!: string | null;

  @Column({ type: 'text', name: 'new_value', nullable: true })
  newValue!: string | null;
}
