import type { DispatchState, OutgoingMessage } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Every message routing decided to send: handed to notify at once, or held through a rule's
// quiet hours until the morning digest carries it. The key makes each decision once only.
@Entity('alert_dispatches')
@Index('idx_alert_dispatches_held', ['heldUntil'], { where: `state = 'held'` })
@Index('idx_alert_dispatches_site_at', ['siteId', 'at'])
export class AlertDispatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_alert_dispatches_key', { unique: true })
  @Column({ type: 'varchar', length: 300, name: 'dedupe_key' })
  dedupeKey!: string;

  @Column({ type: 'uuid', name: 'rule_id', nullable: true })
  ruleId!: string | null;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64, name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: DispatchState;

  @Column({ type: 'timestamptz', name: 'held_until', nullable: true })
  heldUntil!: Date | null;

  @Column({ type: 'jsonb' })
  message!: OutgoingMessage;

  @Column({ type: 'varchar', length: 64, name: 'delivery_id', nullable: true })
  deliveryId!: string | null;

  /** By the server's clock, when routing decided. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
