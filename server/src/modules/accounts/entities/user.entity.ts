import type { Role } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case sign-in name; unique. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  /** An account of every site (a district-level administrator); otherwise its sites are in user_sites. */
  @Column({ type: 'boolean', name: 'all_sites', default: false })
  allSites!: boolean;

  /** argon2id, PHC string format (parameters travel with the hash, so they can be raised later). */
  @Column({ type: 'text', name: 'password_hash' })
  passwordHash!: string;

  @Column({ type: 'timestamptz', name: 'password_changed_at' })
  passwordChangedAt!: Date;

  /** Set when an administrator chose the password: the user must pick their own before anything else. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false })
  mustChangePassword!: boolean;

  /** Failed sign-ins since the last success, counted only within the lockout window. */
  @Column({ type: 'int', name: 'failed_logins', default: 0 })
  failedLogins!: number;

  @Column({ type: 'timestamptz', name: 'last_failed_at', nullable: true })
  lastFailedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
