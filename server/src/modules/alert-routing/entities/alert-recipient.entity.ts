import type { RecipientDuty } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A person a rule @mentions or an escalation reaches, kept per site and department.
@Entity('alert_recipients')
@Index('idx_alert_recipients_site', ['siteId', 'department'])
export class AlertRecipient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** The department's code; null for the site's office. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  duty!: RecipientDuty;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  /** The person's id in DingTalk or WeCom. */
  @Column({ type: 'varchar', length: 64, name: 'user_id', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
