import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SESSION_END_REASONS = ['logout', 'password', 'idle', 'absolute', 'revoked', 'account'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

@Entity('user_sessions')
@Index(['userId', 'endedAt'])
export class UserSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  /** SHA-256 of the opaque token: tokens are 256-bit random, so a fast hash cannot be reversed. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  /** Last authenticated request, for the idle timeout (written at most every few seconds). */
  @Column({ type: 'timestamptz', name: 'last_seen_at' })
  lastSeenAt!: Date;

  /** The absolute end, fixed at sign-in. */
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'end_reason', nullable: true })
  endReason!: SessionEndReason | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 300, name: 'user_agent', nullable: true })
  userAgent!: string | null;
}
