import type { RectificationReboundView } from '@hallwatch/shared';
import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { RectificationItem } from './rectification-item.entity';

// The look-back's verdict on one linked item: rebounding (反弹) or not, since when, and
// when it was last checked. The wall's rebound alerts are read from here.
@Entity('rectification_rebounds')
@Index('idx_rectification_rebounds_site', ['siteId', 'rebounding'])
export class RectificationRebound {
  @PrimaryColumn({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @OneToOne(() => RectificationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: RectificationItem;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'boolean', default: false })
  rebounding!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  since!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_checked_at' })
  lastCheckedAt!: Date;

  /** The links off target while rebounding. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  links!: RectificationReboundView['links'];
}
