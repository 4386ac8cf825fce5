import type { DayVerdict, IndicatorId, LinkWindow, TargetComparator } from '@hallwatch/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RectificationItem } from './rectification-item.entity';

/** Site level, as in indicator_history: '' rather than null so the unique key holds. */
export const WHOLE_SITE = '';

// An item's promise in numbers: an indicator, a comparator and a target, with what the
// look-back last observed of it.
@Entity('rectification_links')
@Index(['itemId', 'indicator', 'department'], { unique: true })
export class RectificationLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @ManyToOne(() => RectificationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: RectificationItem;

  @Column({ type: 'varchar', length: 48 })
  indicator!: IndicatorId;

  @Column({ type: 'varchar', length: 2 })
  comparator!: TargetComparator;

  @Column({ type: 'double precision' })
  target!: number;

  @Column({ type: 'varchar', length: 8 })
  window!: LinkWindow;

  /** Department code, or WHOLE_SITE. */
  @Column({ type: 'varchar', length: 64, default: WHOLE_SITE })
  department!: string;

  @Column({ type: 'varchar', length: 8, default: 'admin' })
  origin!: 'default' | 'admin';

  /** `now`: first check that saw the value off target, null while on target. `day`: start of the first missed day. */
  @Column({ type: 'timestamptz', name: 'off_since', nullable: true })
  offSince!: Date | null;

  /** `day`: judged days in a row that missed the target. */
  @Column({ type: 'int', name: 'failing_days', default: 0 })
  failingDays!: number;

  /** `day`: the last hall-local service day judged. */
  @Column({ type: 'date', name: 'judged_day', nullable: true })
  judgedDay!: string | null;

  /** `day`: the verdict on `judgedDay`; no data is no verdict either way. */
  @Column({ type: 'varchar', length: 8, name: 'judged_verdict', nullable: true })
  judgedVerdict!: DayVerdict | null;

  @Column({ type: 'double precision', name: 'last_value', nullable: true })
  lastValue!: number | null;

  @Column({ type: 'timestamptz', name: 'checked_at', nullable: true })
  checkedAt!: Date | null;
}
