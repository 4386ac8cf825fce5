import type { AlertSeverity, DigestKind, RoutedKind, RuleScope } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// Which alerts of which sites go to which channel, @mentioning whom: kept by an admin of the rule's site.
@Entity('alert_rules')
@Index('idx_alert_rules_site', ['siteId'])
export class AlertRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The site the rule belongs to; with scope `subtree` it covers the sites under it too. */
  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'site' })
  scope!: RuleScope;

  /** Empty: every kind. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  kinds!: RoutedKind[];

  @Column({ type: 'varchar', length: 16, name: 'min_severity', default: 'warning' })
  minSeverity!: AlertSeverity;

  /** A channel of the notify module. */
  @Column({ type: 'varchar', length: 64, name: 'channel_id' })
  channelId!: string;

  @Column({ type: 'uuid', array: true, name: 'recipient_ids', default: () => "'{}'" })
  recipientIds!: string[];

  /** HH:MM, both or neither; the alert's site's time zone. */
  @Column({ type: 'varchar', length: 5, name: 'quiet_from', nullable: true })
  quietFrom!: string | null;

  @Column({ type: 'varchar', length: 5, name: 'quiet_to', nullable: true })
  quietTo!: string | null;

  @Column({ type: 'boolean', name: 'send_cleared', default: true })
  sendCleared!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  digests!: DigestKind[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
