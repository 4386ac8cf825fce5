import type { ChannelHealth, ChannelKind } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A place a site's messages go: a group robot, a mailbox, a webhook. Its URL, signing secret or
// SMTP password live only in `secret_box`, sealed with NOTIFY_SECRET_KEY (secret-box.ts).
@Entity('notify_channels')
@Index(['siteId'])
export class NotifyChannel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ChannelKind;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'integer', name: 'rate_per_minute', default: 20 })
  ratePerMinute!: number;

  /** The kind's plain settings: SMTP host and port, sender, recipients, default mentions. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: Record<string, unknown>;

  /** The secret fields as sealed JSON; never sent out by the API. */
  @Column({ type: 'text', name: 'secret_box' })
  secretBox!: string;

  /** A masked hint per secret field, computed when it was written, so reading never unseals. */
  @Column({ type: 'jsonb', name: 'secret_hints', default: () => "'{}'" })
  secretHints!: Record<string, string | null>;

  @Column({ type: 'varchar', length: 16, default: 'unknown' })
  health!: ChannelHealth;

  @Column({ type: 'integer', name: 'consecutive_failures', default: 0 })
  consecutiveFailures!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'last_success_at', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_failure_at', nullable: true })
  lastFailureAt!: Date | null;

  /** Set when the channel turned unhealthy: the wall's alert is dated from it. */
  @Column({ type: 'timestamptz', name: 'unhealthy_since', nullable: true })
  unhealthySince!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'varchar', length: 100, name: 'updated_by' })
  updatedBy!: string;
}
