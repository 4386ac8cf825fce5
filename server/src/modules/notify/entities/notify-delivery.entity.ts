import type { DeliveryState, OutgoingMessage } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// One message for one channel and what became of it. Its id is also its BullMQ job's id, so a
// job added twice (after commit, by the start-up rebuild, by the sweep) is one job.
@Entity('notify_deliveries')
@Index(['channelId', 'createdAt'])
@Index(['state', 'createdAt'])
export class NotifyDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'uuid', name: 'site_id', nullable: true })
  siteId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  topic!: string;

  @Column({ type: 'jsonb' })
  message!: OutgoingMessage;

  /** The caller's key for "this message once": a second enqueue with it returns the first delivery. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200, name: 'dedupe_key', nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state!: DeliveryState;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', name: 'last_status', nullable: true })
  lastStatus!: number | null;

  @Column({ type: 'text', name: 'last_answer', nullable: true })
  lastAnswer!: string | null;

  /** The delivery whose message carried this one, when the rate limit merged them. */
  @Column({ type: 'uuid', name: 'batch_id', nullable: true })
  batchId!: string | null;

  /** When the current attempt began; a `sending` row this old was left by a process that died. */
  @Column({ type: 'timestamptz', name: 'sending_at', nullable: true })
  sendingAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
